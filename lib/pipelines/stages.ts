/** The ordered stages of a pipeline: add, edit (name, win probability), reorder and delete. */
import { sql } from "kysely";
import { HttpError, notFound } from "../fresh/errors.ts";
import type { OrgScope } from "../data/scope.ts";
import { lockPipeline, type Stage } from "./pipelines.ts";

/** Takes the stage's order lock (NO KEY UPDATE: inserts referencing the stage are not held up). */
export async function lockStage(q: OrgScope, stageId: string) {
  return await q.selectFrom("stages").select(["id", "name", "pipeline_id", "probability"])
    .where("id", "=", stageId).forNoKeyUpdate().executeTakeFirst();
}

export interface StageInput {
  name: string;
  probability: number;
}

async function stageOf(q: OrgScope, id: string) {
  const stage = await q.selectFrom("stages").select(["id", "name", "pipeline_id", "position"])
    .where("id", "=", id).executeTakeFirst();
  if (!stage) throw notFound("No such stage");
  return stage;
}

/** Rewrites positions as 0..n-1 in their current order. */
async function renumber(q: OrgScope, pipelineId: string): Promise<void> {
  await sql`UPDATE stages SET position = r.n - 1
    FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n
          FROM stages WHERE org_id = ${q.orgId} AND pipeline_id = ${pipelineId}) r
    WHERE stages.id = r.id AND stages.org_id = ${q.orgId}`.execute(q.trx);
}

export async function addStage(q: OrgScope, pipelineId: string, input: StageInput): Promise<Stage> {
  await lockPipeline(q, pipelineId);
  const last = await q.selectFrom("stages").select((eb) => eb.fn.max("position").as("max"))
    .where("pipeline_id", "=", pipelineId).executeTakeFirst();
  return await q.insertInto("stages", { ...input, pipeline_id: pipelineId, position: (last?.max ?? -1) + 1 })
    .returning(["id", "name", "position", "probability"]).executeTakeFirstOrThrow();
}

export async function updateStage(q: OrgScope, id: string, input: StageInput): Promise<void> {
  const res = await q.updateTable("stages").set(input).where("id", "=", id).executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound("No such stage");
}

/** Swaps a stage with its neighbour before (`up`) or after (`down`); at either end nothing changes. */
export async function moveStage(q: OrgScope, id: string, direction: "up" | "down"): Promise<void> {
  const { pipeline_id } = await stageOf(q, id);
  await lockPipeline(q, pipeline_id);
  await renumber(q, pipeline_id);
  const stage = await stageOf(q, id);
  const neighbour = await q.selectFrom("stages").select(["id", "position"])
    .where("pipeline_id", "=", pipeline_id)
    .where("position", "=", stage.position + (direction === "up" ? -1 : 1))
    .executeTakeFirst();
  if (!neighbour) return;
  await q.updateTable("stages").set({ position: neighbour.position }).where("id", "=", stage.id).execute();
  await q.updateTable("stages").set({ position: stage.position }).where("id", "=", neighbour.id).execute();
}

/**
 * Deletes a stage after moving every deal in it (open or closed) to `targetId`, another stage of
 * the same pipeline: open deals go below the target's deals in their order, and each moved deal's
 * timeline records the stage change. Returns how many deals moved.
 */
export async function deleteStage(q: OrgScope, id: string, targetId: string): Promise<number> {
  const stage = await stageOf(q, id);
  await lockPipeline(q, stage.pipeline_id);
  if (targetId === id) throw new HttpError(422, "Choose another stage for its deals");
  const target = await q.selectFrom("stages").select(["id", "name"])
    .where("id", "=", targetId).where("pipeline_id", "=", stage.pipeline_id).executeTakeFirst();
  if (!target) throw new HttpError(422, "Choose a stage of the same pipeline for its deals");
  // Stage before deal, as moves lock them, so a concurrent move waits instead of deadlocking.
  for (const stageId of [id, targetId].sort()) await lockStage(q, stageId);

  const detail = JSON.stringify({ from: stage.name, to: target.name, from_id: stage.id, to_id: target.id });
  const moved = await sql<{ id: string }>`
    WITH base AS (
      SELECT coalesce(max(position), 0) AS top FROM deals
      WHERE org_id = ${q.orgId} AND pipeline_id = ${stage.pipeline_id} AND stage_id = ${target.id}
        AND status = 'open' AND deleted_at IS NULL
    ), ranked AS (
      SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM deals
      WHERE org_id = ${q.orgId} AND pipeline_id = ${stage.pipeline_id} AND stage_id = ${id}
    ), moved AS (
      UPDATE deals SET stage_id = ${target.id}, position = base.top + ranked.n,
        stage_entered_at = now(), updated_at = now()
      FROM ranked, base
      WHERE deals.id = ranked.id AND deals.org_id = ${q.orgId}
      RETURNING deals.id
    )
    INSERT INTO record_events (org_id, actor_id, record_type, record_id, kind, detail)
    SELECT ${q.orgId}, ${q.userId}::uuid, 'deal', moved.id, 'stage_changed', ${detail}::jsonb FROM moved
    RETURNING record_id AS id`.execute(q.trx);
  await q.deleteFrom("stages").where("id", "=", id).execute();
  await renumber(q, stage.pipeline_id);
  return moved.rows.length;
}

/** Deals per stage of a pipeline (open or closed, not deleted): what deleting a stage would move. */
export async function dealsPerStage(q: OrgScope, pipelineId: string): Promise<Map<string, number>> {
  const rows = await q.selectFrom("deals").select(["stage_id", sql<number>`count(*)::int`.as("n")])
    .where("pipeline_id", "=", pipelineId).where("deleted_at", "is", null).groupBy("stage_id").execute();
  return new Map(rows.map((r) => [r.stage_id, r.n]));
}
