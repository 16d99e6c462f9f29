/**
 * Automation's jobs and its record-event listener. A record event a rule could react to enqueues one
 * evaluation job (when the org has an active rule for that trigger), in the transaction of the change:
 * the request does nothing more. Imported by lib/app.ts.
 */
import * as z from "zod";
import { enqueue } from "../jobs/enqueue.ts";
import { defineJob, defineRecurring } from "../jobs/registry.ts";
import { onRecordEvent } from "../records/history.ts";
import "./actions/mod.ts";
import { currentChain } from "./chain.ts";
import { evaluateEvent, finishRun, runAction } from "./engine.ts";
import { scanTimedTriggers } from "./timed.ts";
import { TRIGGER_TYPES, triggerOf, type TriggerType } from "./triggers.ts";

const Link = z.object({ rule_id: z.uuid(), record_id: z.uuid() });
export const EventJob = z.object({
  event: z.object({
    id: z.uuid(),
    trigger: z.enum(TRIGGER_TYPES as [TriggerType, ...TriggerType[]]),
    recordType: z.enum(["deal", "lead"]),
    recordId: z.uuid(),
    detail: z.record(z.string(), z.unknown()),
  }),
  chain: z.array(Link).max(10),
  /** Timed triggers evaluate one rule. */
  rule_id: z.uuid().optional(),
});
export type EventJob = z.infer<typeof EventJob>;

const orgOf = (orgId: string | null) => orgId ?? Promise.reject(new Error("automation jobs belong to an org"));

defineJob("automation.event", EventJob, async (p, job) => {
  await evaluateEvent(await orgOf(job.orgId), p.event, p.chain, p.rule_id);
}, { label: "Automation rules" });

defineJob("automation.action", z.object({ run_id: z.uuid(), position: z.number().int().min(0) }), async (p, job) => {
  const orgId = await orgOf(job.orgId);
  await runAction(orgId, p.run_id, p.position);
  await finishRun(orgId, p.run_id);
}, { label: "Automation action retry" });

defineJob("automation.scan", z.object({}), scanTimedTriggers, { label: "Automation time-based triggers" });
defineRecurring({ kind: "automation.scan", everyMinutes: 5 });

onRecordEvent(async (q, e) => {
  const trigger = triggerOf(e.recordType, e.kind);
  if (!trigger) return;
  const any = await q.selectFrom("automation_rules").select("id").where("trigger_type", "=", trigger)
    .where("active", "=", true).limit(1).executeTakeFirst();
  if (!any) return;
  const job: EventJob = {
    event: {
      id: e.id,
      trigger,
      recordType: e.recordType as "deal" | "lead",
      recordId: e.recordId,
      detail: e.detail ?? {},
    },
    chain: currentChain(),
  };
  await enqueue(q, "automation.event", job, { key: `automation:${e.id}` });
});
