/**
 * Activities in a period, read from activity_days (per day in the org's zone, owner and kind):
 * calls, emails, meetings and notes on the day logged, tasks on the day done; per week and kind,
 * and per owner and kind.
 */
import { sql } from "kysely";
import type { ActivityDaysTable } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import type { Period } from "./periods.ts";
import { type ReportScope, scoped } from "./scope.ts";
import { bucketSql } from "./sql.ts";

export type ActivityKind = ActivityDaysTable["kind"];

export interface ActivityCounts {
  weeks: { bucket: number; kind: ActivityKind; n: number }[];
  owners: { owner: string | null; kind: ActivityKind; n: number }[];
}

/** `weeks`: the period in weekly buckets. */
export async function activityCounts(q: OrgScope, s: ReportScope, weeks: Period): Promise<ActivityCounts> {
  const days = scoped(
    q.selectFrom("activity_days")
      .where("activity_days.day", ">=", weeks.start).where("activity_days.day", "<", weeks.end)
      .select([
        bucketSql(weeks, sql`activity_days.day`).as("bucket"),
        "activity_days.owner_id",
        "activity_days.kind",
        "activity_days.n",
      ]),
    "activity_days",
    s,
  );
  const rows = await q.trx.selectFrom(days.as("d"))
    .select([
      sql<boolean>`grouping(d.bucket) = 0`.as("by_week"),
      "d.bucket",
      "d.owner_id",
      "d.kind",
      sql<number>`sum(d.n)::int`.as("n"),
    ])
    .groupBy(sql`GROUPING SETS ((d.bucket, d.kind), (d.owner_id, d.kind))`)
    .having(sql`sum(d.n)`, "<>", 0)
    .execute();
  return {
    weeks: rows.filter((r) => r.by_week).map((r) => ({ bucket: r.bucket, kind: r.kind, n: r.n })),
    owners: rows.filter((r) => !r.by_week).map((r) => ({ owner: r.owner_id, kind: r.kind, n: r.n })),
  };
}
