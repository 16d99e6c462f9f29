/**
 * Order of open deals within a stage: fractional `position`, so placing a deal rewrites one row
 * (the midpoint of its neighbours). When a gap gets too small for a midpoint, the stage is
 * renumbered 1..n. Writers lock the stage row first, so concurrent moves into one stage queue up
 * and each sees the positions the previous one left.
 */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";

/** Below this gap, a midpoint is no longer trusted to fall strictly between its neighbours. */
export const MIN_GAP = 1e-6;

export interface Slot {
  id: string;
  position: number;
}

/** A stage as the board index sees it: deals are ordered under (org, pipeline, stage). */
export interface StageRef {
  id: string;
  pipeline_id: string;
}

const openIn = (q: OrgScope, stage: StageRef, exceptId: string | null) => {
  let qb = q.selectFrom("deals").select(["id", "position"])
    .where("pipeline_id", "=", stage.pipeline_id).where("stage_id", "=", stage.id).where("status", "=", "open").where(
      "deleted_at",
      "is",
      null,
    );
  if (exceptId) qb = qb.where("id", "!=", exceptId);
  return qb;
};

/** An open deal of this stage, or undefined. */
export async function slotOf(q: OrgScope, stage: StageRef, id: string): Promise<Slot | undefined> {
  return await openIn(q, stage, null).where("id", "=", id).executeTakeFirst();
}

/** The open deal right after `slot` (or the first, without one), skipping `exceptId`. */
export async function nextSlot(q: OrgScope, stage: StageRef, slot: Slot | null, exceptId: string | null) {
  let qb = openIn(q, stage, exceptId);
  if (slot) qb = qb.where(sql`(position, id)`, ">", sql`(${slot.position}, ${slot.id}::uuid)`);
  return await qb.orderBy("position").orderBy("id").limit(1).executeTakeFirst();
}

/** The open deal right before `slot`, skipping `exceptId`. */
export async function previousSlot(q: OrgScope, stage: StageRef, slot: Slot, exceptId: string | null) {
  return await openIn(q, stage, exceptId)
    .where(sql`(position, id)`, "<", sql`(${slot.position}, ${slot.id}::uuid)`)
    .orderBy("position", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** A position between two neighbours (either may be missing), or null when the gap is used up. */
export function between(above: number | null, below: number | null): number | null {
  if (above === null && below === null) return 0;
  if (above === null) return below! - 1;
  if (below === null) return above + 1;
  const mid = above + (below - above) / 2;
  return below - above >= MIN_GAP && mid > above && mid < below ? mid : null;
}

/** The top of a stage: above its first open deal. */
export async function topPosition(q: OrgScope, stage: StageRef, exceptId: string | null = null): Promise<number> {
  const first = await nextSlot(q, stage, null, exceptId);
  return between(null, first?.position ?? null)!;
}

/** Renumbers a stage's open deals 1..n in their current order. */
export async function renormalise(q: OrgScope, stage: StageRef): Promise<void> {
  await sql`UPDATE deals SET position = r.n
    FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM deals
          WHERE org_id = ${q.orgId} AND pipeline_id = ${stage.pipeline_id} AND stage_id = ${stage.id}
            AND status = 'open' AND deleted_at IS NULL) r
    WHERE deals.id = r.id AND deals.org_id = ${q.orgId}`.execute(q.trx);
}
