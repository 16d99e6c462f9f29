/**
 * What happened to a record, for its timeline: created, edited (field from → to), owner and stage
 * changes, won/lost, deleted/restored. Written in the same transaction as the change itself.
 */
import type { RecordType } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";

export interface RecordEventInput {
  actorId: string | null;
  recordType: RecordType;
  recordId: string;
  kind: string;
  detail?: Record<string, unknown>;
}

/** A record event as stored, handed to the listeners. */
export interface RecordEvent extends RecordEventInput {
  id: string;
  at: Date;
}

/**
 * Reacts to a record event inside the transaction that wrote it (so what it enqueues — webhook
 * deliveries, automation runs, notifications — commits or rolls back with the change). Listeners
 * live in the features above this one and register at import; they must only enqueue, never call out.
 */
export type RecordEventListener = (q: OrgScope, e: RecordEvent) => Promise<void>;

const listeners: RecordEventListener[] = [];

export function onRecordEvent(listener: RecordEventListener): void {
  listeners.push(listener);
}

export async function recordEvent(q: OrgScope, e: RecordEventInput): Promise<void> {
  const row = await q.insertInto("record_events", {
    actor_id: e.actorId,
    record_type: e.recordType,
    record_id: e.recordId,
    kind: e.kind,
    detail: JSON.stringify(e.detail ?? {}),
  }).returning(["id", "created_at"]).executeTakeFirstOrThrow();
  for (const listener of listeners) await listener(q, { ...e, id: row.id, at: row.created_at });
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The fields of `next` whose value differs from `before` (dates compared by value). */
export function changedFields<T extends Record<string, unknown>>(before: T, next: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, to] of Object.entries(next)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    if (plain(from) !== plain(to ?? null)) changes[field] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

const plain = (v: unknown) => v instanceof Date ? v.toISOString() : JSON.stringify(v);

/**
 * Records an edit when something changed: one `updated` event with every changed field, plus an
 * `owner_changed` event when the owner moved (the timeline shows that one on its own).
 */
export async function recordChanges(
  q: OrgScope,
  e: Omit<RecordEventInput, "kind" | "detail">,
  changes: FieldChanges,
): Promise<void> {
  const { owner_id: owner, ...rest } = changes;
  if (Object.keys(rest).length) await recordEvent(q, { ...e, kind: "updated", detail: { changes: rest } });
  if (owner) await recordEvent(q, { ...e, kind: "owner_changed", detail: owner });
}
