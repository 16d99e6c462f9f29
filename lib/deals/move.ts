/**
 * Moving a deal on the board: to another stage of its pipeline and/or between two cards. Checked
 * on the server (the stage is in the deal's pipeline, the deal is open and visible to the mover),
 * done in one transaction under the target stage's lock, answered with the new position.
 */
import { HttpError } from "../fresh/errors.ts";
import { ValidationError } from "../http/forms.ts";
import { recordEvent } from "../records/history.ts";
import type { Viewer } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { lockDeal, stageChange } from "./deals.ts";
import { between, nextSlot, previousSlot, renormalise, type Slot, slotOf, type StageRef } from "./positions.ts";
import type { MoveInput } from "./schemas.ts";
import { lockStage } from "../pipelines/stages.ts";

export interface MoveResult {
  id: string;
  stageId: string;
  position: number;
  stageEnteredAt: string;
  stageChanged: boolean;
}

const stale = () => new HttpError(409, "The board changed meanwhile: reload it and try again");

async function neighbour(q: OrgScope, stage: StageRef, id: string | null): Promise<Slot | null> {
  if (!id) return null;
  return await slotOf(q, stage, id) ?? Promise.reject(stale());
}

/** Where the deal lands: between its requested neighbours, or at the top of the stage without any. */
async function placement(q: OrgScope, stage: StageRef, dealId: string, input: MoveInput): Promise<number | null> {
  const after = await neighbour(q, stage, input.afterId);
  const before = await neighbour(q, stage, input.beforeId);
  let above: Slot | null | undefined = after;
  let below: Slot | null | undefined = before;
  if (after && before) {
    const inOrder = after.position < before.position || (after.position === before.position && after.id < before.id);
    if (!inOrder) throw stale();
  } else if (after) below = await nextSlot(q, stage, after, dealId);
  else if (before) above = await previousSlot(q, stage, before, dealId);
  else below = await nextSlot(q, stage, null, dealId);
  return between(above?.position ?? null, below?.position ?? null);
}

export async function moveDeal(q: OrgScope, viewer: Viewer, dealId: string, input: MoveInput): Promise<MoveResult> {
  if (input.afterId === dealId || input.beforeId === dealId) {
    throw new ValidationError({ _form: "A deal cannot be placed next to itself" });
  }
  const stage = await lockStage(q, input.stageId);
  const deal = await lockDeal(q, viewer, dealId);
  if (!stage || stage.pipeline_id !== deal.pipeline_id) {
    throw new ValidationError({ stageId: "Choose a stage of this deal's pipeline" });
  }
  if (deal.status !== "open") throw new HttpError(409, `This deal is ${deal.status}: reopen it to move it`);

  let position = await placement(q, stage, dealId, input);
  if (position === null) {
    await renormalise(q, stage);
    position = (await placement(q, stage, dealId, input))!;
  }
  const stageChanged = stage.id !== deal.stage_id;
  const stageEnteredAt = stageChanged ? new Date() : deal.stage_entered_at;
  await q.updateTable("deals")
    .set({ stage_id: stage.id, position, stage_entered_at: stageEnteredAt, updated_at: new Date() })
    .where("id", "=", dealId).execute();
  if (stageChanged) {
    const from = await q.selectFrom("stages").select(["id", "name"]).where("id", "=", deal.stage_id)
      .executeTakeFirstOrThrow();
    await recordEvent(q, {
      actorId: q.userId,
      recordType: "deal",
      recordId: dealId,
      kind: "stage_changed",
      detail: stageChange(from, stage),
    });
  }
  return { id: dealId, stageId: stage.id, position, stageEnteredAt: stageEnteredAt.toISOString(), stageChanged };
}
