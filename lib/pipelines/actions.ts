/** Runs one pipeline settings action (admins only: the settings route checks the permission). */
import { notFound } from "../fresh/errors.ts";
import type { OrgScope } from "../data/scope.ts";
import { deletePipeline, renamePipeline } from "./pipelines.ts";
import type { PipelineAction } from "./schemas.ts";
import { addStage, deleteStage, moveStage, updateStage } from "./stages.ts";

/** What the settings page says after each action succeeded. */
export const DONE: Record<PipelineAction["intent"], string> = {
  rename: "Pipeline renamed.",
  delete_pipeline: "Pipeline deleted.",
  add_stage: "Stage added.",
  update_stage: "Stage saved.",
  move_stage: "Stage order saved.",
  delete_stage: "Stage deleted; its deals were moved.",
};

export async function applyPipelineAction(q: OrgScope, pipelineId: string, action: PipelineAction): Promise<void> {
  switch (action.intent) {
    case "rename":
      return await renamePipeline(q, pipelineId, action.name);
    case "delete_pipeline":
      return await deletePipeline(q, pipelineId);
    case "add_stage":
      await addStage(q, pipelineId, { name: action.name, probability: action.probability });
      return;
    case "update_stage":
      await inPipeline(q, pipelineId, action.stage_id);
      return await updateStage(q, action.stage_id, { name: action.name, probability: action.probability });
    case "move_stage":
      await inPipeline(q, pipelineId, action.stage_id);
      return await moveStage(q, action.stage_id, action.direction);
    case "delete_stage":
      await inPipeline(q, pipelineId, action.stage_id);
      await deleteStage(q, action.stage_id, action.target_id);
      return;
  }
}

async function inPipeline(q: OrgScope, pipelineId: string, stageId: string): Promise<void> {
  const stage = await q.selectFrom("stages").select("id").where("id", "=", stageId)
    .where("pipeline_id", "=", pipelineId).executeTakeFirst();
  if (!stage) throw notFound("No such stage in this pipeline");
}
