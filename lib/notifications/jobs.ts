/**
 * What notifies whom. Listeners on record events, logged activities and accepted invitations only enqueue
 * a job in the writing transaction; the job works out the recipients and calls `notify` for each, under a
 * key naming the happening, so a retried job notifies nobody twice.
 */
import * as z from "zod";
import type { RecordType } from "@/db/schema.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { defineJob } from "../jobs/registry.ts";
import { onActivityLogged } from "../records/activities.ts";
import { onRecordEvent } from "../records/history.ts";
import { orgMembers } from "../records/members.ts";
import { orgSlug, recordPath, RECORDS } from "../records/records.ts";
import { onInvitationAccepted } from "../tenancy/invitations.ts";
import { mentionedMembers } from "./mentions.ts";
// The daily digest's job kinds and recurring tick.
import "./digest.ts";
import { notify } from "./notify.ts";

const RECORD_TYPES = Object.keys(RECORDS) as [RecordType, ...RecordType[]];

const RecordHappening = z.object({
  key: z.string(),
  kind: z.enum(["assigned", "won"]),
  actorId: z.uuid().nullable(),
  recordType: z.enum(RECORD_TYPES),
  recordId: z.uuid(),
  /** For an assignment: the new owner. */
  ownerId: z.uuid().nullable(),
});
type RecordHappening = z.infer<typeof RecordHappening>;

const ActivityHappening = z.object({
  activityId: z.uuid(),
  actorId: z.uuid(),
  /** The task's assignee when it is not its author. */
  assigneeId: z.uuid().nullable(),
  recordType: z.enum(RECORD_TYPES),
  recordId: z.uuid(),
});
type ActivityHappening = z.infer<typeof ActivityHappening>;

const Joined = z.object({ invitedBy: z.uuid(), userId: z.uuid(), name: z.string() });

/** Runs a job's work in its org (the job system gives every org job its org id). */
const inJobOrg = <T>(work: (q: OrgScope, payload: T) => Promise<void>) => (payload: T, job: { orgId: string | null }) =>
  withOrg({ orgId: job.orgId! }, (q) => work(q, payload));

async function recordTitle(q: OrgScope, type: RecordType, id: string): Promise<string | null> {
  const { table, title } = RECORDS[type];
  const row = await q.selectFrom(table as "deals").select(title.as("title")).where("id", "=", id)
    .where("deleted_at", "is", null).executeTakeFirst();
  return row ? (row as { title: string }).title : null;
}

async function actorName(q: OrgScope, actorId: string | null): Promise<string> {
  if (!actorId) return "Someone";
  const row = await q.trx.selectFrom("users").select("name").where("id", "=", actorId).executeTakeFirst();
  return row?.name ?? "Someone";
}

async function notifyRecordHappening(q: OrgScope, h: RecordHappening): Promise<void> {
  const title = await recordTitle(q, h.recordType, h.recordId);
  if (title === null) return;
  const link = recordPath(await orgSlug(q), h.recordType, h.recordId);
  const actor = await actorName(q, h.actorId);
  const noun = RECORDS[h.recordType].noun;
  if (h.kind === "assigned") {
    if (!h.ownerId) return;
    // No actor: a web form, an import or a rule assigned it.
    const what = h.actorId
      ? `${actor} assigned you the ${noun} “${title}”`
      : `The ${noun} “${title}” was assigned to you`;
    await notify(q, { recipientId: h.ownerId, type: "assigned", actorId: h.actorId, title: what, link, key: h.key });
    return;
  }
  const deal = await q.selectFrom("deals").select("owner_id").where("id", "=", h.recordId).executeTakeFirst();
  const managers = await q.selectFrom("memberships").select("user_id").where("role", "in", ["OWNER", "ADMIN"])
    .execute();
  const recipients = new Set([...managers.map((m) => m.user_id), ...(deal?.owner_id ? [deal.owner_id] : [])]);
  for (const recipientId of recipients) {
    const what = `${actor} won the deal “${title}”`;
    await notify(q, { recipientId, type: "deal_won", actorId: h.actorId, title: what, link, key: h.key });
  }
}

async function notifyActivity(q: OrgScope, h: ActivityHappening): Promise<void> {
  const activity = await q.selectFrom("activities").select(["type", "subject", "body"])
    .where("id", "=", h.activityId).where("deleted_at", "is", null).executeTakeFirst();
  const title = await recordTitle(q, h.recordType, h.recordId);
  if (!activity || title === null) return;
  const link = recordPath(await orgSlug(q), h.recordType, h.recordId);
  const actor = await actorName(q, h.actorId);
  const noun = RECORDS[h.recordType].noun;
  if (h.assigneeId) {
    await notify(q, {
      recipientId: h.assigneeId,
      type: "assigned",
      actorId: h.actorId,
      title: `${actor} assigned you the task “${activity.subject}” on the ${noun} “${title}”`,
      link,
      key: `activity:${h.activityId}:assigned`,
    });
  }
  const text = `${activity.subject}\n${activity.body}`;
  for (const member of mentionedMembers(text, await orgMembers(q))) {
    await notify(q, {
      recipientId: member.id,
      type: "mention",
      actorId: h.actorId,
      title: `${actor} mentioned you in a ${activity.type} on the ${noun} “${title}”`,
      body: text.trim().slice(0, 1000),
      link,
      key: `activity:${h.activityId}:mention`,
    });
  }
}

defineJob("notifications.record", RecordHappening, inJobOrg(notifyRecordHappening), { label: "Notifications" });
defineJob("notifications.activity", ActivityHappening, inJobOrg(notifyActivity), { label: "Notifications" });
defineJob(
  "notifications.joined",
  Joined,
  inJobOrg(async (q, j: z.infer<typeof Joined>) => {
    await notify(q, {
      recipientId: j.invitedBy,
      type: "invitation_accepted",
      actorId: j.userId,
      title: `${j.name} accepted your invitation and joined`,
      link: null,
      key: `joined:${j.userId}`,
    });
  }),
  { label: "Notifications" },
);

onRecordEvent(async (q, e) => {
  const base = { actorId: e.actorId, recordType: e.recordType, recordId: e.recordId, key: `event:${e.id}` };
  if (e.kind === "won" && e.recordType === "deal") {
    await enqueue(q, "notifications.record", { ...base, kind: "won", ownerId: null }, { key: base.key });
  } else if (e.kind === "owner_changed" || e.kind === "created") {
    const ownerId = e.kind === "owner_changed"
      ? (e.detail?.to as string | null)
      : await ownerOf(q, e.recordType, e.recordId);
    if (!ownerId || ownerId === e.actorId) return;
    await enqueue(q, "notifications.record", { ...base, kind: "assigned", ownerId }, { key: base.key });
  }
});

async function ownerOf(q: OrgScope, type: RecordType, id: string): Promise<string | null> {
  const row = await q.selectFrom(RECORDS[type].table as "deals").select("owner_id").where("id", "=", id)
    .executeTakeFirst();
  return row?.owner_id ?? null;
}

onActivityLogged(async (q, a) => {
  const assigneeId = a.type === "task" && a.ownerId !== a.createdBy ? a.ownerId : null;
  if (!assigneeId && !`${a.subject}${a.body}`.includes("@")) return;
  const payload = {
    activityId: a.id,
    actorId: a.createdBy,
    assigneeId,
    recordType: a.recordType,
    recordId: a.recordId,
  };
  await enqueue(q, "notifications.activity", payload, { key: `activity:${a.id}` });
});

onInvitationAccepted(async (q, a) => {
  if (!a.invitedBy || a.invitedBy === a.userId) return;
  await enqueue(q, "notifications.joined", { invitedBy: a.invitedBy, userId: a.userId, name: a.name }, {
    key: `joined:${a.userId}`,
  });
});
