/**
 * The lead funnel of leads created in a period: how many there are, how many got qualified (or
 * further: converted), converted, and converted into a deal that was won (and not deleted).
 */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";
import type { Period } from "./periods.ts";
import { type ReportScope, scoped } from "./scope.ts";

export interface LeadFunnel {
  created: number;
  qualified: number;
  converted: number;
  won: number;
}

export async function leadFunnel(q: OrgScope, s: ReportScope, p: Period): Promise<LeadFunnel> {
  const won = q.selectFrom("deals").select(sql.lit(1).as("one"))
    .where("deals.id", "=", sql.ref<string>("leads.converted_deal_id"))
    .where("deals.status", "=", "won").where("deals.deleted_at", "is", null);
  return await scoped(
    q.selectFrom("leads")
      .where("leads.deleted_at", "is", null)
      .where("leads.created_at", ">=", p.from).where("leads.created_at", "<", p.to),
    "leads",
    s,
  ).select([
    sql<number>`count(*)`.as("created"),
    sql<number>`count(*) FILTER (WHERE leads.status IN ('qualified', 'converted'))`.as("qualified"),
    sql<number>`count(*) FILTER (WHERE leads.status = 'converted')`.as("converted"),
    sql<number>`count(*) FILTER (WHERE leads.status = 'converted' AND EXISTS (${won}))`.as("won"),
  ]).executeTakeFirstOrThrow();
}
