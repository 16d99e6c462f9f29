/**
 * An endpoint's delivery log: deliveries newest first (by status and event type, a page at a time), each
 * with its attempts; replay of one delivery, or of every failed one since a time (each starts the retry
 * schedule again, under the same `webhook-id`).
 */
import * as z from "zod";
import { requirePermission } from "../auth/permissions.ts";
import type { OrgScope } from "../data/scope.ts";
import { notFound } from "../fresh/errors.ts";
import type { Actor } from "../tenancy/members.ts";
import { webhookNow } from "./clock.ts";
import { scheduleAttempt } from "./queue.ts";

export const PAGE_SIZE = 50;

export const LogFilter = z.object({
  status: z.enum(["all", "pending", "succeeded", "failed"]).catch("all"),
  type: z.string().max(60).regex(/^[a-z_.]*$/).catch(""),
  /** The last delivery id of the page before. */
  before: z.uuid().optional().catch(undefined),
});
export type LogFilter = z.output<typeof LogFilter>;

export async function listDeliveries(q: OrgScope, endpointId: string, f: LogFilter) {
  let qb = q.selectFrom("webhook_deliveries")
    .select(["id", "event_type", "status", "attempts", "next_attempt_at", "created_at"])
    .where("endpoint_id", "=", endpointId);
  if (f.status !== "all") qb = qb.where("status", "=", f.status);
  if (f.type) qb = qb.where("event_type", "=", f.type);
  if (f.before) qb = qb.where("id", "<", f.before);
  const rows = await qb.orderBy("id", "desc").limit(PAGE_SIZE + 1).execute();
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1].id : null };
}
export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/** One delivery with its body and every attempt, oldest first. */
export async function getDelivery(q: OrgScope, id: string) {
  const delivery = await q.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  if (!delivery) throw notFound("No such delivery");
  const attempts = await q.selectFrom("webhook_attempts").selectAll().where("delivery_id", "=", id)
    .orderBy("attempt").execute();
  return { delivery, attempts };
}

async function replay(q: OrgScope, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await q.updateTable("webhook_deliveries").set({ status: "pending", next_attempt_at: webhookNow() })
    .where("id", "in", ids).where("status", "!=", "pending").returning(["id", "attempts"]).execute();
  for (const r of rows) await scheduleAttempt(q, { deliveryId: r.id, attempt: r.attempts + 1, step: 0 }, 0);
  return rows.length;
}

/** Sends a delivery again (unless it is still pending): returns whether it was queued. */
export async function replayDelivery(q: OrgScope, actor: Actor, id: string): Promise<boolean> {
  requirePermission(actor.role, "integrations.manage");
  await getDelivery(q, id);
  return await replay(q, [id]) === 1;
}

/** The most failed deliveries one "replay failed" queues; more take another click. */
export const REPLAY_LIMIT = 1000;

/** Sends again every failed delivery of the endpoint made since `since`; returns how many. */
export async function replayFailedSince(q: OrgScope, actor: Actor, endpointId: string, since: Date): Promise<number> {
  requirePermission(actor.role, "integrations.manage");
  const failed = await q.selectFrom("webhook_deliveries").select("id")
    .where("endpoint_id", "=", endpointId).where("status", "=", "failed").where("created_at", ">=", since)
    .orderBy("created_at").limit(REPLAY_LIMIT).execute();
  return await replay(q, failed.map((r) => r.id));
}
