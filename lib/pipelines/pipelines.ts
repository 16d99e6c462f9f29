/** Pipelines of an org: listing, the board's choice of pipeline, creation, renaming and deletion. */
import { assertPipelineRoom } from "../billing/limits.ts";
import { sql } from "kysely";
import { HttpError, notFound } from "../fresh/errors.ts";
import { DEFAULT_PIPELINE, entryStage } from "../records/default_pipeline.ts";
import type { OrgScope } from "../data/scope.ts";

export interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
}

export interface PipelineSummary {
  id: string;
  name: string;
  position: number;
}

export interface Pipeline extends PipelineSummary {
  stages: Stage[];
}

export async function listPipelines(q: OrgScope): Promise<PipelineSummary[]> {
  return await q.selectFrom("pipelines").select(["id", "name", "position"])
    .orderBy("position").orderBy("id").execute();
}

export async function getPipeline(q: OrgScope, id: string): Promise<Pipeline> {
  const pipeline = await q.selectFrom("pipelines").select(["id", "name", "position"])
    .where("id", "=", id).executeTakeFirst();
  if (!pipeline) throw notFound("No such pipeline");
  const stages = await q.selectFrom("stages").select(["id", "name", "position", "probability"])
    .where("pipeline_id", "=", id).orderBy("position").orderBy("id").execute();
  return { ...pipeline, stages };
}

/**
 * The pipeline asked for, or the org's first one (the default pipeline is made when there is none),
 * and every pipeline with its stages (the board's switcher).
 */
export async function choosePipeline(
  q: OrgScope,
  id?: string | null,
): Promise<{ pipeline: Pipeline; pipelines: Pipeline[] }> {
  let pipelines = await pipelinesWithStages(q);
  if (!pipelines.length) {
    await entryStage(q);
    pipelines = await pipelinesWithStages(q);
  }
  const pipeline = id ? pipelines.find((p) => p.id === id) : pipelines[0];
  if (!pipeline) throw notFound("No such pipeline");
  return { pipeline, pipelines };
}

/** Serialises changes to one pipeline's stages (and moves into its stages read the stage rows). */
export async function lockPipeline(q: OrgScope, id: string): Promise<void> {
  const row = await q.selectFrom("pipelines").select("id").where("id", "=", id).forNoKeyUpdate().executeTakeFirst();
  if (!row) throw notFound("No such pipeline");
}

/** A new pipeline, last in order, starting with the default stages (admins then shape them). */
export async function createPipeline(q: OrgScope, name: string): Promise<PipelineSummary> {
  await sql`select pg_advisory_xact_lock(hashtext(${"pipelines:" + q.orgId}))`.execute(q.trx);
  await assertPipelineRoom(q);
  const last = await q.selectFrom("pipelines").select((eb) => eb.fn.max("position").as("max")).executeTakeFirst();
  const pipeline = await q.insertInto("pipelines", { name, position: (last?.max ?? -1) + 1 })
    .returning(["id", "name", "position"]).executeTakeFirstOrThrow();
  await q.insertInto(
    "stages",
    DEFAULT_PIPELINE.stages.map((s, position) => ({ ...s, position, pipeline_id: pipeline.id })),
  ).execute();
  return pipeline;
}

export async function renamePipeline(q: OrgScope, id: string, name: string): Promise<void> {
  const res = await q.updateTable("pipelines").set({ name }).where("id", "=", id).executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound("No such pipeline");
}

/** Deletes a pipeline that holds no deals at all (deleted ones included); the last one stays. */
export async function deletePipeline(q: OrgScope, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${"pipelines:" + q.orgId}))`.execute(q.trx);
  await lockPipeline(q, id);
  const others = await q.selectFrom("pipelines").select("id").where("id", "!=", id).limit(1).execute();
  if (!others.length) throw new HttpError(409, "An organisation keeps at least one pipeline");
  const deal = await q.selectFrom("deals").select("id").where("pipeline_id", "=", id).limit(1).executeTakeFirst();
  if (deal) throw new HttpError(409, "Move or delete this pipeline's deals first");
  await q.deleteFrom("pipelines").where("id", "=", id).execute();
}

/** Every pipeline with its stages, in order (for stage pickers and the board), in one query. */
export async function pipelinesWithStages(q: OrgScope): Promise<Pipeline[]> {
  const rows = await q.selectFrom("pipelines")
    .leftJoin("stages", (join) => join.onRef("stages.pipeline_id", "=", "pipelines.id"))
    .select(["pipelines.id", "pipelines.name", "pipelines.position"])
    .select([
      "stages.id as stage_id",
      "stages.name as stage_name",
      "stages.position as stage_position",
      "stages.probability",
    ])
    .orderBy("pipelines.position").orderBy("pipelines.id").orderBy("stages.position").orderBy("stages.id")
    .execute();
  const pipelines = new Map<string, Pipeline>();
  for (const row of rows) {
    const pipeline = pipelines.get(row.id) ??
      pipelines.set(row.id, { id: row.id, name: row.name, position: row.position, stages: [] }).get(row.id)!;
    if (row.stage_id) {
      pipeline.stages.push({
        id: row.stage_id,
        name: row.stage_name!,
        position: row.stage_position!,
        probability: row.probability!,
      });
    }
  }
  return [...pipelines.values()];
}
