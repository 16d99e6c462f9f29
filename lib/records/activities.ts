/** Activities logged on a record: calls, emails, meetings, notes, and tasks (due date and assignee). */
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import type { ActivityInput } from "./inputs.ts";
import { requireMember } from "./members.ts";
import { findVisibleRecord, inOrg } from "./records.ts";
import { seesAll, type Viewer, visibleCondition } from "./visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { fromWallClock } from "../time/zones.ts";

/**
 * Activities the viewer may see on their own: those the rule for owned records shows them, and those they
 * logged themselves (as the tasks list and the task's done button allow).
 */
export function visibleActivities(q: OrgScope, viewer: Viewer) {
  const live = q.selectFrom("activities").where("activities.deleted_at", "is", null);
  if (seesAll(viewer)) return live;
  return live.where((eb) =>
    eb.or([eb("activities.created_by", "=", viewer.user.id), visibleCondition(viewer, "activities")])
  );
}

export async function findActivity(q: OrgScope, viewer: Viewer, id: string) {
  const activity = await visibleActivities(q, viewer).selectAll("activities").where("activities.id", "=", id)
    .executeTakeFirst();
  if (!activity) throw notFound();
  return activity;
}

/** An activity just logged, as its listeners get it. */
export interface LoggedActivity {
  id: string;
  type: "call" | "email" | "meeting" | "task" | "note";
  subject: string;
  body: string;
  ownerId: string;
  createdBy: string;
  recordType: RecordType;
  recordId: string;
}

/** Reacts to a logged activity inside its transaction (as record event listeners do): only enqueues. */
export type ActivityListener = (q: OrgScope, a: LoggedActivity) => Promise<void>;

const activityListeners: ActivityListener[] = [];

export function onActivityLogged(listener: ActivityListener): void {
  activityListeners.push(listener);
}

/** Logs an activity on a record the user can see (its due time read in the org's zone); the assignee defaults to the user. */
export async function addActivity(
  auth: AuthContext,
  recordType: RecordType,
  recordId: string,
  input: ActivityInput,
): Promise<string> {
  return await inOrg(auth, async (q) => {
    await findVisibleRecord(q, auth, recordType, recordId);
    await requireMember(q, input.owner_id);
    const body = input.body ?? "";
    const ownerId = input.owner_id ?? auth.user.id;
    const { id } = await q.insertInto("activities", {
      ...input,
      due_at: input.due_at ? fromWallClock(input.due_at, auth.org.time_zone) : null,
      body,
      owner_id: ownerId,
      created_by: auth.user.id,
      record_type: recordType,
      record_id: recordId,
    }).returning("id").executeTakeFirstOrThrow();
    const logged = { id, type: input.type, subject: input.subject, body, ownerId, createdBy: auth.user.id };
    for (const listener of activityListeners) await listener(q, { ...logged, recordType, recordId });
    return id;
  });
}

/** Marks a task done (or open again); returns the record it belongs to. */
export async function setTaskDone(auth: AuthContext, taskId: string, done: boolean) {
  return await inOrg(auth, async (q) => {
    const task = await q.selectFrom("activities")
      .select(["id", "record_type", "record_id", "done_at"])
      .where("id", "=", taskId).where("type", "=", "task").where("deleted_at", "is", null)
      .where((eb) => eb.or([eb("created_by", "=", auth.user.id), visibleCondition(auth, "activities")]))
      .executeTakeFirst();
    if (!task) throw notFound();
    if (!!task.done_at !== done) {
      await q.updateTable("activities").set({ done_at: done ? new Date() : null, updated_at: new Date() })
        .where("id", "=", taskId).execute();
    }
    return { recordType: task.record_type, recordId: task.record_id };
  });
}
