/**
 * Webhook deliveries enter here, in the caller's transaction: one delivery row per endpoint and event
 * (its id is the `webhook-id` every attempt sends) and a job for its first attempt. Also the entry points
 * for automation ("call webhook") and for "send test event".
 */
import * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { webhookNow } from "./clock.ts";
import { TEST_EVENT } from "./events.ts";

export const DELIVER_JOB = "webhook.deliver";

export const AttemptJob = z.object({
  deliveryId: z.uuid(),
  /** The delivery's attempt number this job makes (counting every attempt, replays included). */
  attempt: z.int().min(1),
  /** Its place in the retry schedule (0: the first try of a round). */
  step: z.int().min(0),
});
export type AttemptJob = z.infer<typeof AttemptJob>;

/** Enqueues attempt `attempt` of the delivery, `delayMs` from now by the webhook clock. */
export async function scheduleAttempt(q: OrgScope, job: AttemptJob, delayMs: number): Promise<Date> {
  const runAt = new Date(webhookNow().getTime() + delayMs);
  await enqueue(q, DELIVER_JOB, job, { key: `webhook:${job.deliveryId}:${job.attempt}`, runAt });
  return runAt;
}

/** The body every attempt of a delivery sends: `{ type, timestamp, data }`. */
export const payloadBody = (type: string, at: Date, data: unknown) =>
  JSON.stringify({ type, timestamp: at.toISOString(), data });

async function createDelivery(q: OrgScope, endpointId: string, type: string, body: string): Promise<string> {
  const runAt = webhookNow();
  const { id } = await q.insertInto("webhook_deliveries", {
    endpoint_id: endpointId,
    event_type: type,
    body,
    next_attempt_at: runAt,
  }).returning("id").executeTakeFirstOrThrow();
  await scheduleAttempt(q, { deliveryId: id, attempt: 1, step: 0 }, 0);
  return id;
}

/** Fans an event out to every enabled endpoint of the org subscribed to `type` (or to all). */
export async function queueWebhookEvent(q: OrgScope, type: string, at: Date, data: unknown): Promise<number> {
  const endpoints = await q.selectFrom("webhook_endpoints").select("id")
    .where("enabled", "=", true)
    .where((eb) => eb.or([eb("event_types", "=", eb.val([])), eb(eb.val(type), "=", eb.fn.any("event_types"))]))
    .execute();
  if (!endpoints.length) return 0;
  const body = payloadBody(type, at, data);
  for (const e of endpoints) await createDelivery(q, e.id, type, body);
  return endpoints.length;
}

/**
 * One call to one endpoint of the org, whatever it subscribes to (for automation's "call webhook" action):
 * signed, logged and retried like every delivery. Returns the delivery's id, or null for no such endpoint.
 */
export async function queueWebhookCall(q: OrgScope, endpointId: string, type: string, data: unknown) {
  const found = await q.selectFrom("webhook_endpoints").select("id").where("id", "=", endpointId).executeTakeFirst();
  if (!found) return null;
  return await createDelivery(q, endpointId, type, payloadBody(type, webhookNow(), data));
}

/** "Send test event": a `webhook.test` delivery, sent even to a disabled endpoint. */
export async function queueTestEvent(q: OrgScope, endpointId: string, org: { id: string; name: string }) {
  return await queueWebhookCall(q, endpointId, TEST_EVENT, {
    object: "test",
    org_id: org.id,
    message: `A test event from NexaCRM for ${org.name}.`,
  });
}
