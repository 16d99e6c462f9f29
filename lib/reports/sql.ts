/** SQL shared by the report queries: the bucket a day falls in, as `bucketOf` (periods.ts) computes it. */
import { type RawBuilder, sql } from "kysely";
import { monthIndex, type Period } from "./periods.ts";

/** `day` is a date in the org's zone (`(ts AT TIME ZONE zone)::date` for an instant). */
export function bucketSql(p: Period, day: RawBuilder<unknown>): RawBuilder<number> {
  return p.unit === "week"
    ? sql<number>`((${day}) - ${p.start}::date) / 7`
    : sql<number>`(date_part('year', ${day})::int * 12 + date_part('month', ${day})::int - 1 - ${
      monthIndex(p.start)
    }::int)`;
}

/** The day an instant column falls on in `zone`. */
export const localDate = (column: string, zone: string) => sql`(${sql.ref(column)} AT TIME ZONE ${zone})::date`;
