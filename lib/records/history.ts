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

export async function recordEvent(q: OrgScope, e: RecordEventInput): Promise<void> {
  await q.insertInto("record_events", {
    actor_id: e.actorId,
    record_type: e.recordType,
    record_id: e.recordId,
    kind: e.kind,
    detail: JSON.stringify(e.detail ?? {}),
  }).execute();
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
