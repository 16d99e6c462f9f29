/** Move the deal to a stage of its pipeline (to the top of it), as a move on the board would. */
import * as z from "zod";
import { moveDeal } from "../../deals/move.ts";
import { HttpError } from "../../fresh/errors.ts";
import { ActionError, defineAction } from "./registry.ts";
import type { Viewer } from "../../records/visibility.ts";

const schema = z.object({ stage_id: z.uuid("Choose a stage") });

/** Rules act for the org: they see every deal. */
const ORG_VIEWER: Viewer = { user: { id: "" }, org: { visibility: "all" }, role: "OWNER", team: null };

defineAction({
  type: "move_stage",
  label: "Move the deal to a stage",
  records: ["deal"],
  schema,
  fields: [{ name: "stage_id", label: "Stage", kind: "select", options: "stages", required: true }],
  async check(q, config) {
    const stage = await q.selectFrom("stages").select("id").where("id", "=", config.stage_id).executeTakeFirst();
    return stage ? {} : { stage_id: "Choose a stage of this organisation" };
  },
  async plan(q, config, { facts }) {
    const stage = await q.selectFrom("stages").select(["name", "pipeline_id"]).where("id", "=", config.stage_id)
      .executeTakeFirst();
    if (!stage) throw new ActionError("The stage no longer exists");
    if (stage.pipeline_id !== facts.pipelineId) throw new ActionError(`“${facts.title}” is in another pipeline`);
    if (facts.status !== "open") throw new ActionError(`“${facts.title}” is ${facts.status}`);
    if (facts.stageId === config.stage_id) return { summary: `“${facts.title}” is already in ${stage.name}` };
    return {
      summary: `Move “${facts.title}” to ${stage.name}`,
      perform: async (q) => {
        try {
          await moveDeal(q, ORG_VIEWER, facts.id, { stageId: config.stage_id, afterId: null, beforeId: null });
        } catch (err) {
          if (err instanceof HttpError) throw new ActionError(err.message);
          throw err;
        }
      },
    };
  },
});
