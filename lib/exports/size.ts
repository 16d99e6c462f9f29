/** How big an org's export is, in live records, counted only as far as the choice between streaming and a job needs. */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";

const TABLES = ["companies", "contacts", "leads", "deals", "activities"] as const;

/** Live records of the org, counted up to `cap` + 1 (each table read through its live-row index, and no further). */
export async function countRecords(q: OrgScope, cap: number): Promise<number> {
  let total = 0;
  for (const table of TABLES) {
    const live = q.selectFrom(table as "companies").where(sql.ref(`${table}.deleted_at`), "is", null)
      .select(sql.lit(1).as("one")).limit(cap + 1 - total).as("live");
    const { n } = await q.trx.selectFrom(live).select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    total += Number(n);
    if (total > cap) break;
  }
  return total;
}
