/**
 * "My day"'s summary of the signed-in member's own numbers: open pipeline (from open_deal_totals),
 * won this month in the org's zone (deals_closed_idx) and tasks due by the end of today.
 */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { endOfDay } from "../time/zones.ts";
import { periodsOf } from "./periods.ts";

export interface MySummary {
  openDeals: number;
  openMinor: number;
  wonDeals: number;
  wonMinor: number;
  tasksDue: number;
}

export async function mySummary(q: OrgScope, auth: AuthContext, now = new Date()): Promise<MySummary> {
  const me = auth.user.id;
  const { current: month } = periodsOf("this_month", now, auth.org.time_zone);
  const open = await q.selectFrom("open_deal_totals")
    .select([
      sql<number>`coalesce(sum(deals), 0)::int`.as("n"),
      sql<number>`coalesce(sum(value_minor), 0)::bigint`.as("minor"),
    ])
    .where("owner_id", "=", me).where("currency", "=", auth.org.currency).executeTakeFirstOrThrow();
  const won = await q.selectFrom("deals")
    .select([sql<number>`count(*)::int`.as("n"), sql<number>`coalesce(sum(value_minor), 0)::bigint`.as("minor")])
    // The index's own predicate, spelled as it is, so the planner matches it.
    .where("status", "in", ["won", "lost"]).where("deleted_at", "is", null)
    .where("closed_at", ">=", month.from).where("closed_at", "<", month.to)
    .where("status", "=", "won").where("owner_id", "=", me).where("currency", "=", auth.org.currency)
    .executeTakeFirstOrThrow();
  const tasks = await q.selectFrom("activities").select(sql<number>`count(*)::int`.as("n"))
    .where("type", "=", "task").where("done_at", "is", null).where("deleted_at", "is", null)
    .where("owner_id", "=", me).where("due_at", "<", endOfDay(now, auth.org.time_zone))
    .executeTakeFirstOrThrow();
  return { openDeals: open.n, openMinor: open.minor, wonDeals: won.n, wonMinor: won.minor, tasksDue: tasks.n };
}
