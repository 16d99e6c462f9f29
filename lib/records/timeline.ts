/** A record's timeline: its activities and its history (record_events), newest first. */
import type { RecordType } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import type { ActivityType } from "./inputs.ts";
import { userNames } from "./members.ts";

export interface TimelineActivity {
  kind: "activity";
  id: string;
  at: Date;
  type: ActivityType;
  subject: string;
  body: string;
  dueAt: Date | null;
  doneAt: Date | null;
  assignee: string | null;
  author: string | null;
}

export interface Change {
  /** The field changed, or null when the event itself names what changed (e.g. a stage change). */
  field: string | null;
  from: string;
  to: string;
}

export interface TimelineEvent {
  kind: "event";
  id: string;
  at: Date;
  event: string;
  actor: string | null;
  changes: Change[];
  note: string | null;
}

export type TimelineItem = TimelineActivity | TimelineEvent;

const show = (v: unknown): string =>
  v === null || v === undefined || v === "" ? "—" : v instanceof Date ? v.toISOString() : String(v);

function changesOf(kind: string, detail: Record<string, unknown>, names: Map<string, string>): Change[] {
  const person = (id: unknown) => typeof id === "string" ? names.get(id) ?? "a former member" : "nobody";
  if (kind === "owner_changed") return [{ field: "owner", from: person(detail.from), to: person(detail.to) }];
  if (detail.changes && typeof detail.changes === "object") {
    return Object.entries(detail.changes as Record<string, { from: unknown; to: unknown }>)
      .map(([field, c]) => ({ field: field.replace(/_/g, " "), from: show(c?.from), to: show(c?.to) }));
  }
  if ("from" in detail || "to" in detail) return [{ field: null, from: show(detail.from), to: show(detail.to) }];
  return [];
}

export async function timeline(q: OrgScope, type: RecordType, id: string, limit = 100): Promise<TimelineItem[]> {
  const activities = await q.selectFrom("activities")
    .leftJoin("users as assignee", "assignee.id", "activities.owner_id")
    .leftJoin("users as author", "author.id", "activities.created_by")
    .select([
      "activities.id",
      "activities.created_at",
      "activities.type",
      "activities.subject",
      "activities.body",
      "activities.due_at",
      "activities.done_at",
      "assignee.name as assignee",
      "author.name as author",
    ])
    .where("activities.record_type", "=", type).where("activities.record_id", "=", id)
    .where("activities.deleted_at", "is", null)
    .orderBy("activities.id", "desc").limit(limit).execute();
  const events = await q.selectFrom("record_events")
    .leftJoin("users", "users.id", "record_events.actor_id")
    .select([
      "record_events.id",
      "record_events.created_at",
      "record_events.kind",
      "record_events.detail",
      "users.name as actor",
    ])
    .where("record_events.record_type", "=", type).where("record_events.record_id", "=", id)
    .orderBy("record_events.id", "desc").limit(limit).execute();
  const ownerIds = events.filter((e) => e.kind === "owner_changed")
    .flatMap((e) => [e.detail.from, e.detail.to]).filter((v): v is string => typeof v === "string");
  const names = await userNames(q, ownerIds);

  const items: TimelineItem[] = [
    ...activities.map((a): TimelineActivity => ({
      kind: "activity",
      id: a.id,
      at: a.created_at,
      type: a.type,
      subject: a.subject,
      body: a.body,
      dueAt: a.due_at,
      doneAt: a.done_at,
      assignee: a.assignee,
      author: a.author,
    })),
    ...events.map((e): TimelineEvent => ({
      kind: "event",
      id: e.id,
      at: e.created_at,
      event: e.kind,
      actor: e.actor,
      changes: changesOf(e.kind, e.detail, names),
      note: typeof e.detail.reason === "string" ? e.detail.reason : null,
    })),
  ];
  // Ids are UUIDv7: within one instant they keep the order of writing.
  return items.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).slice(0, limit);
}
