/** The event types an endpoint can subscribe to, and which record event each one is. */
import type { RecordEvent } from "../records/history.ts";

export const EVENT_TYPES = [
  "deal.created",
  "deal.updated",
  "deal.stage_changed",
  "deal.won",
  "deal.lost",
  "deal.deleted",
  "lead.created",
  "lead.converted",
  "contact.created",
  "contact.updated",
  "company.created",
  "company.updated",
] as const;
export type EventType = typeof EVENT_TYPES[number];

/** Sent by "Send test event": every endpoint accepts it, whatever it subscribes to. */
export const TEST_EVENT = "webhook.test";

/** A record event's webhook type, or null when no webhook event stands for it (restored, reopened…). */
export function eventTypeOf(e: Pick<RecordEvent, "recordType" | "kind">): EventType | null {
  const kind = e.kind === "owner_changed" ? "updated" : e.kind;
  const type = `${e.recordType}.${kind}`;
  return (EVENT_TYPES as readonly string[]).includes(type) ? type as EventType : null;
}
