/** The pipeline an org starts with, created the first time a deal needs one. */
import { sql } from "kysely";
import type { OrgScope } from "../data/scope.ts";

export const DEFAULT_PIPELINE = {
  name: "Sales",
  stages: [
    { name: "Qualified", probability: 10 },
    { name: "Meeting", probability: 30 },
    { name: "Proposal", probability: 60 },
    { name: "Negotiation", probability: 80 },
  ],
} as const;

export interface EntryStage {
  pipelineId: string;
  stageId: string;
}

/** Creates the default "Sales" pipeline and its stages; returns its first stage. */
export async function createDefaultPipeline(q: OrgScope): Promise<EntryStage> {
  const pipeline = await q.insertInto("pipelines", { name: DEFAULT_PIPELINE.name, position: 0 })
    .returning("id").executeTakeFirstOrThrow();
  const stages = await q.insertInto(
    "stages",
    DEFAULT_PIPELINE.stages.map((s, position) => ({ ...s, position, pipeline_id: pipeline.id })),
  ).returning(["id", "position"]).execute();
  const first = stages.find((s) => s.position === 0)!;
  return { pipelineId: pipeline.id, stageId: first.id };
}

function firstStage(q: OrgScope): Promise<EntryStage | undefined> {
  return q.selectFrom("stages")
    .innerJoin("pipelines", "pipelines.id", "stages.pipeline_id")
    .select(["stages.id as stageId", "stages.pipeline_id as pipelineId"])
    .where("pipelines.org_id", "=", q.orgId)
    .orderBy("pipelines.position").orderBy("pipelines.id").orderBy("stages.position")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The org's first pipeline's first stage, where new deals go; the default pipeline is created
 * when the org has none (under a per-org lock, so two first deals do not make two pipelines).
 */
export async function entryStage(q: OrgScope): Promise<EntryStage> {
  const existing = await firstStage(q);
  if (existing) return existing;
  await sql`select pg_advisory_xact_lock(hashtext(${"pipelines:" + q.orgId}))`.execute(q.trx);
  return await firstStage(q) ?? await createDefaultPipeline(q);
}
