/** The API calls an org makes each month (UTC), counted against its plan's allowance and shown on the billing page. */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";

/** The month calls count towards, as its first day. */
export const usageMonth = (now = new Date()) => `${now.toISOString().slice(0, 7)}-01`;

/** Counts one call unless the month's `allowance` is spent; false when it is (the call is not counted). */
export async function countApiCall(q: OrgScope, allowance: number): Promise<boolean> {
  const counted = await q.insertInto("api_usage", { month: usageMonth(), calls: 1 })
    .onConflict((oc) => {
      const update = oc.columns(["org_id", "month"]).doUpdateSet({ calls: sql`api_usage.calls + 1` });
      return allowance === Infinity ? update : update.where("api_usage.calls", "<", allowance);
    })
    .returning("calls").executeTakeFirst();
  return counted !== undefined;
}

export async function apiCallsThisMonth(q: OrgScope): Promise<number> {
  const row = await q.selectFrom("api_usage").select("calls").where("month", "=", usageMonth()).executeTakeFirst();
  return Number(row?.calls ?? 0);
}
