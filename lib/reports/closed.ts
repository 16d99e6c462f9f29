/**
 * Deals closed (won or lost) in a period, from one index-only scan of deals_closed_idx grouped
 * four ways: per bucket and owner (revenue, win rate, leaderboard), per lost reason, per stage
 * reached (conversion) and per sales cycle in whole days (the median).
 */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";
import type { Period } from "./periods.ts";
import { type ReportScope, scoped } from "./scope.ts";
import { bucketSql, localDate } from "./sql.ts";

export interface ClosedDeals {
  /** Per bucket and owner: deals won and their value, deals lost. */
  cells: { bucket: number; owner: string | null; won: number; wonMinor: number; lost: number; lostMinor: number }[];
  /** Lost deals per reason ("" when none was given). */
  reasons: { reason: string; deals: number; minor: number }[];
  /** Per pipeline, stage now and furthest stage reached (null: the one it is in): deals won and lost. */
  reach: { pipeline: string; stage: string; furthest: string | null; won: number; lost: number }[];
  /** Won deals per whole days from creation to close. */
  cycles: { days: number; deals: number }[];
}

/** The closed deals of the period, one row each, with what the groupings need. */
function closedRows(q: OrgScope, s: ReportScope, p: Period) {
  return scoped(
    q.selectFrom("deals")
      .where("deals.status", "in", ["won", "lost"]).where("deals.deleted_at", "is", null)
      .where("deals.closed_at", ">=", p.from).where("deals.closed_at", "<", p.to)
      .select([
        bucketSql(p, localDate("deals.closed_at", s.zone)).as("bucket"),
        "deals.status",
        "deals.owner_id",
        "deals.pipeline_id",
        "deals.stage_id",
        "deals.furthest_stage_id",
        "deals.value_minor",
        sql<string | null>`CASE WHEN deals.status = 'lost' THEN coalesce(deals.lost_reason, '') END`.as("reason"),
        sql<number | null>`CASE WHEN deals.status = 'won'
          THEN date_part('day', deals.closed_at - deals.created_at)::int END`.as("cycle_days"),
      ]),
    "deals",
    s,
  );
}

const counts = {
  won: sql<number>`count(*) FILTER (WHERE d.status = 'won')`,
  wonMinor: sql<number>`coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'won'), 0)::bigint`,
  lost: sql<number>`count(*) FILTER (WHERE d.status = 'lost')`,
  lostMinor: sql<number>`coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'lost'), 0)::bigint`,
};

export async function closedDeals(q: OrgScope, s: ReportScope, p: Period): Promise<ClosedDeals> {
  // Four hash tables in one pass; at the default work_mem the planner would sort (on disk) instead.
  await sql`SET LOCAL work_mem = '32MB'`.execute(q.trx);
  const rows = await q.trx.selectFrom(closedRows(q, s, p).as("d"))
    .select([
      sql<"cells" | "reasons" | "reach" | "cycles">`CASE WHEN grouping(d.bucket) = 0 THEN 'cells'
        WHEN grouping(d.reason) = 0 THEN 'reasons' WHEN grouping(d.stage_id) = 0 THEN 'reach' ELSE 'cycles' END`
        .as("set"),
      "d.bucket",
      "d.owner_id",
      "d.reason",
      "d.pipeline_id",
      "d.stage_id",
      "d.furthest_stage_id",
      "d.cycle_days",
      counts.won.as("won"),
      counts.wonMinor.as("won_minor"),
      counts.lost.as("lost"),
      counts.lostMinor.as("lost_minor"),
    ])
    .groupBy(sql`GROUPING SETS ((d.bucket, d.owner_id), (d.reason), (d.pipeline_id, d.stage_id, d.furthest_stage_id),
      (d.cycle_days))`)
    .execute();
  const result: ClosedDeals = { cells: [], reasons: [], reach: [], cycles: [] };
  for (const r of rows) {
    if (r.set === "cells") {
      result.cells.push({
        bucket: r.bucket,
        owner: r.owner_id,
        won: r.won,
        wonMinor: r.won_minor,
        lost: r.lost,
        lostMinor: r.lost_minor,
      });
    } else if (r.set === "reasons" && r.reason !== null) {
      result.reasons.push({ reason: r.reason, deals: r.lost, minor: r.lost_minor });
    } else if (r.set === "reach") {
      result.reach.push({
        pipeline: r.pipeline_id,
        stage: r.stage_id,
        furthest: r.furthest_stage_id,
        won: r.won,
        lost: r.lost,
      });
    } else if (r.set === "cycles" && r.cycle_days !== null) {
      result.cycles.push({ days: r.cycle_days, deals: r.won });
    }
  }
  return result;
}

/** Per bucket only: the previous period, drawn beside the current one. */
export async function closedByBucket(q: OrgScope, s: ReportScope, p: Period): Promise<ClosedDeals["cells"]> {
  const rows = await q.trx.selectFrom(closedRows(q, s, p).as("d"))
    .select([
      "d.bucket",
      counts.won.as("won"),
      counts.wonMinor.as("won_minor"),
      counts.lost.as("lost"),
      counts.lostMinor.as("lost_minor"),
    ])
    .groupBy("d.bucket").execute();
  return rows.map((r) => ({
    bucket: r.bucket,
    owner: null,
    won: r.won,
    wonMinor: r.won_minor,
    lost: r.lost,
    lostMinor: r.lost_minor,
  }));
}
