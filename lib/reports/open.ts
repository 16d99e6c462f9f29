/** Open deals now, per pipeline, stage and expected close month, read from open_deal_totals. */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";
import { type ReportScope, scoped } from "./scope.ts";

export interface OpenDeals {
  /** `month`: first day of the expected close month, null for deals without a date. */
  rows: { pipeline: string; stage: string; month: string | null; deals: number; minor: number }[];
}

export async function openDeals(q: OrgScope, s: ReportScope): Promise<OpenDeals> {
  const rows = await scoped(q.selectFrom("open_deal_totals"), "open_deal_totals", s)
    .select([
      "open_deal_totals.pipeline_id",
      "open_deal_totals.stage_id",
      "open_deal_totals.expected_month",
      sql<number>`sum(open_deal_totals.deals)::int`.as("deals"),
      sql<number>`sum(open_deal_totals.value_minor)::bigint`.as("minor"),
    ])
    .groupBy(["open_deal_totals.pipeline_id", "open_deal_totals.stage_id", "open_deal_totals.expected_month"])
    .having(sql`sum(open_deal_totals.deals)`, "<>", 0)
    .execute();
  return {
    rows: rows.map((r) => ({
      pipeline: r.pipeline_id,
      stage: r.stage_id,
      month: r.expected_month,
      deals: r.deals,
      minor: r.minor,
    })),
  };
}
