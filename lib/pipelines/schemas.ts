/** The pipeline settings forms: each POST names its `intent`. */
import * as z from "zod";
import { text } from "../http/forms.ts";

const id = (message: string) => z.string().trim().pipe(z.uuid(message));
const probability = z.string().trim()
  .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= 100, "Enter a whole number from 0 to 100")
  .transform(Number);

export const pipelineName = z.object({ name: text(100) });

export const pipelineAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), name: text(100) }),
  z.object({ intent: z.literal("delete_pipeline") }),
  z.object({ intent: z.literal("add_stage"), name: text(100), probability }),
  z.object({ intent: z.literal("update_stage"), stage_id: id("Unknown stage"), name: text(100), probability }),
  z.object({
    intent: z.literal("move_stage"),
    stage_id: id("Unknown stage"),
    direction: z.enum(["up", "down"]),
  }),
  z.object({
    intent: z.literal("delete_stage"),
    stage_id: id("Unknown stage"),
    target_id: id("Choose where its deals go"),
  }),
], { error: "Unknown action" });

export type PipelineAction = z.infer<typeof pipelineAction>;
