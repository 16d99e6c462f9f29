/** The event types an endpoint can subscribe to, and which record event each one is. */
import type { RecordEvent } from "../records/history.ts";

import { EVENT_TYPES, type EventType } from "../api/webhook_events.ts";

export { EVENT_TYPES, type EventType };

/** Sent by "Send test event": every endpoint accepts it, whatever it subscribes to. */
export const TEST_EVENT = "webhook.test";

/** A record event's webhook type, or null when no webhook event stands for it (restored, reopened…). */
export function eventTypeOf(e: Pick<RecordEvent, "recordType" | "kind">): EventType | null {
  const kind = e.kind === "owner_changed" ? "updated" : e.kind;
  const type = `${e.recordType}.${kind}`;
  return (EVENT_TYPES as readonly string[]).includes(type) ? type as EventType : null;
}
