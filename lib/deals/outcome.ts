/** Closing a deal as won or lost (with a reason), and reopening it onto the top of its stage. */
import { HttpError } from "../fresh/errors.ts";
import { recordEvent } from "../records/history.ts";
import type { Viewer } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { getDeal, lockDeal } from "./deals.ts";
import { topPosition } from "./positions.ts";
import { lockStage } from "../pipelines/stages.ts";
import type { OutcomeInput } from "./schemas.ts";

export interface OutcomeResult {
  id: string;
  status: "open" | "won" | "lost";
}

export async function setOutcome(
  q: OrgScope,
  viewer: Viewer,
  dealId: string,
  input: OutcomeInput,
): Promise<OutcomeResult> {
  const seen = await getDeal(q, viewer, dealId);
  // Reopening places the deal in its stage's order: take the stage lock before the deal's, as moves do.
  if (input.outcome === "open") await lockStage(q, seen.stage_id);
  const deal = await lockDeal(q, viewer, dealId);
  if (deal.stage_id !== seen.stage_id) throw new HttpError(409, "The deal changed meanwhile: reload and try again");
  if (deal.status === input.outcome) {
    throw new HttpError(409, `This deal is already ${input.outcome === "open" ? "open" : input.outcome}`);
  }
  const actor = { actorId: q.userId, recordType: "deal" as const, recordId: dealId };
  const now = new Date();
  if (input.outcome === "open") {
    const position = await topPosition(q, { id: deal.stage_id, pipeline_id: deal.pipeline_id }, dealId);
    await q.updateTable("deals").set({
      status: "open",
      lost_reason: null,
      closed_at: null,
      position,
      stage_entered_at: now,
      updated_at: now,
    }).where("id", "=", dealId).execute();
    await recordEvent(q, {
      ...actor,
      kind: "reopened",
      detail: { from: deal.status, to: "open", stage: seen.stage_name },
    });
  } else {
    const reason = input.outcome === "lost" ? input.reason : null;
    await q.updateTable("deals").set({ status: input.outcome, lost_reason: reason, closed_at: now, updated_at: now })
      .where("id", "=", dealId).execute();
    await recordEvent(q, {
      ...actor,
      kind: input.outcome,
      detail: { stage: seen.stage_name, ...(reason ? { reason } : {}) },
    });
  }
  return { id: dealId, status: input.outcome };
}
