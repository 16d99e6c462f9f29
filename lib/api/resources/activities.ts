/**
 * Activities (calls, emails, meetings, notes, tasks) logged on records, and tasks among them: list, get,
 * log one on a record, complete or reopen a task. Written through the app's addActivity and setTaskDone.
 */
import * as z from "zod";
import type { AuthContext } from "../../auth/guard.ts";
import { notFound } from "../../fresh/errors.ts";
import { fieldErrors, ValidationError } from "../../http/forms.ts";
import { addActivity, findActivity, setTaskDone, visibleActivities } from "../../records/activities.ts";
import { ACTIVITY_TYPES, ActivityInput } from "../../records/inputs.ts";
import type { Sort } from "../../records/list.ts";
import { TASK_SORTS, TASK_STATES, taskListQuery } from "../../records/tasks.ts";
import { toWallClock } from "../../time/zones.ts";
import { id, idParams, newOwner, nullableText, requiredText, timestamp } from "../fields.ts";
import { listOf, listPage, listQuery, nextLink, ownerFilter, ownerOr, searchFilter, updatedSort } from "../lists.ts";
import { operation, type OpInput } from "../operation.ts";
import { recordVerb } from "../records.ts";

const RECORD_TYPES = ["company", "contact", "lead", "deal"] as const;

export const Activity = z.object({
  id: id(),
  object: z.literal("activity").default("activity"),
  type: z.enum(ACTIVITY_TYPES),
  subject: z.string(),
  body: z.string(),
  record_type: z.enum(RECORD_TYPES),
  record_id: z.uuid(),
  due_at: timestamp().nullable(),
  done_at: timestamp().nullable(),
  owner_id: z.uuid().nullable().describe("The assignee"),
  created_by: z.uuid().nullable(),
  created_at: timestamp(),
  updated_at: timestamp(),
  version: z.int(),
}).meta({ id: "Activity" });

const logged = {
  record_type: z.enum(RECORD_TYPES),
  record_id: z.uuid().describe("The company, contact, lead or deal it is logged on"),
  subject: requiredText(200),
  body: nullableText(5000),
  due_at: z.iso.datetime({ offset: true }).nullable().default(null).describe("Kept to the minute"),
  owner_id: newOwner().describe("The assignee; left out, the key's member"),
};
const ActivityCreate = z.strictObject({ type: z.enum(ACTIVITY_TYPES), ...logged }).meta({ id: "ActivityCreate" });
const TaskCreate = z.strictObject({ ...logged, due_at: z.iso.datetime({ offset: true }) }).meta({ id: "TaskCreate" });

/** Logs it through the app's rules (a task needs a due date; the owner a member; the record visible). */
async function log(
  auth: AuthContext,
  body: z.output<typeof ActivityCreate>,
  scoped: OpInput<unknown, unknown, unknown>["scoped"],
) {
  const form = ActivityInput.safeParse({
    type: body.type,
    subject: body.subject,
    body: body.body ?? "",
    due_at: body.due_at ? toWallClock(new Date(body.due_at), auth.org.time_zone) : "",
    owner_id: ownerOr(auth, body.owner_id) ?? "",
  });
  if (!form.success) throw new ValidationError(fieldErrors(form.error));
  const activityId = await addActivity(auth, body.record_type, body.record_id, form.data);
  return await scoped((q) => findActivity(q, auth, activityId));
}

const EXAMPLE = {
  id: "0190f3a2-c052-7f7e-b182-6dae2f4a5b62",
  object: "activity",
  type: "task",
  subject: "Send the proposal",
  body: "",
  record_type: "deal",
  record_id: "0190f3a2-af41-7e6d-a071-5c9d1f3e4a51",
  due_at: "2026-03-10T09:00:00.000Z",
  done_at: null,
  owner_id: "0190f3a2-1111-7222-8333-444455556666",
  created_by: "0190f3a2-1111-7222-8333-444455556666",
  created_at: "2026-03-06T10:05:00.000Z",
  updated_at: "2026-03-06T10:05:00.000Z",
  version: 1,
};

const ActivityQuery = listQuery(["newest", "oldest", "updated"], {
  record_type: z.enum(RECORD_TYPES).optional(),
  record_id: z.uuid().optional().describe("With record_type: the activities of that record"),
  type: z.enum(ACTIVITY_TYPES).optional(),
});
const ACTIVITY_SORTS = {
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
  updated: updatedSort("activities"),
} satisfies Record<string, Sort>;

const TaskQuery = listQuery(["due", "due_desc", "updated"], {
  ...ownerFilter,
  ...searchFilter,
  state: z.enum(TASK_STATES).default("open").describe("today and overdue are in the org's time zone"),
});
const TASK_LIST_SORTS = { ...TASK_SORTS, updated: updatedSort("activities") };

const errors = ["validation-failed", "malformed-json", "unsupported-media-type", "payload-too-large"] as const;

export const activityOps = {
  list: operation({
    method: "GET",
    path: "/activities",
    operationId: "listActivities",
    tag: "Activities",
    summary: "List activities",
    description: "Calls, emails, meetings, notes and tasks the key's member may see; `record_type` and `record_id` " +
      "give one record's.",
    query: ActivityQuery,
    response: listOf(Activity, "ActivityList"),
    errors: ["invalid-parameter", "invalid-cursor"],
    example: { response: { object: "list", data: [EXAMPLE], has_more: false, next_cursor: null } },
    run: async ({ caller: { auth }, query, url, scoped }) => {
      const page = await scoped((q) => {
        let qb = visibleActivities(q, auth).selectAll("activities");
        if (query.record_type) qb = qb.where("activities.record_type", "=", query.record_type);
        if (query.record_id) qb = qb.where("activities.record_id", "=", query.record_id);
        if (query.type) qb = qb.where("activities.type", "=", query.type);
        return listPage(qb, "activities", ACTIVITY_SORTS, query);
      });
      return { body: page, headers: nextLink(url, page.next_cursor) };
    },
  }),
  create: operation({
    method: "POST",
    path: "/activities",
    operationId: "createActivity",
    tag: "Activities",
    summary: "Log an activity",
    description: "On a company, contact, lead or deal the key's member may see. A task needs `due_at`.",
    body: ActivityCreate,
    response: Activity,
    status: 201,
    errors: [...errors],
    example: {
      request: { type: "call", subject: "Intro call", record_type: "deal", record_id: EXAMPLE.record_id },
      response: { ...EXAMPLE, type: "call", subject: "Intro call", due_at: null },
    },
    run: async ({ caller: { auth }, body, scoped }) => {
      const row = await log(auth, body, scoped);
      return { status: 201, body: row, version: row.version, headers: { location: `/api/v1/activities/${row.id}` } };
    },
  }),
  get: operation({
    method: "GET",
    path: "/activities/{id}",
    operationId: "getActivity",
    tag: "Activities",
    summary: "Get an activity",
    params: idParams,
    response: Activity,
    errors: ["not-found"],
    example: { response: EXAMPLE },
    run: async ({ caller: { auth }, params, scoped }) => {
      const row = await scoped((q) => findActivity(q, auth, params.id));
      return { body: row, version: row.version };
    },
  }),
};

/** A task: an activity of type task (404 for any other). */
async function findTask(q: Parameters<typeof findActivity>[0], auth: AuthContext, taskId: string) {
  const row = await findActivity(q, auth, taskId);
  if (row.type !== "task") throw notFound();
  return row;
}

const tasks = { path: "/tasks", tag: "Tasks", schema: Activity, read: findTask };
const done = { ...EXAMPLE, done_at: "2026-03-09T15:20:00.000Z", version: 2 };

export const taskOps = {
  list: operation({
    method: "GET",
    path: "/tasks",
    operationId: "listTasks",
    tag: "Tasks",
    summary: "List tasks",
    description: "Tasks across records, open ones by default, soonest due first.",
    query: TaskQuery,
    response: listOf(Activity, "TaskList"),
    errors: ["invalid-parameter", "invalid-cursor"],
    example: { response: { object: "list", data: [EXAMPLE], has_more: false, next_cursor: null } },
    run: async ({ caller: { auth }, query, url, scoped }) => {
      const filters = { q: query.q ?? "", owner: query.owner ?? "", state: query.state };
      const page = await scoped(
        (q) => listPage(taskListQuery(q, auth, filters).selectAll("activities"), "activities", TASK_LIST_SORTS, query),
      );
      return { body: page, headers: nextLink(url, page.next_cursor) };
    },
  }),
  create: operation({
    method: "POST",
    path: "/tasks",
    operationId: "createTask",
    tag: "Tasks",
    summary: "Create a task",
    description: "On a company, contact, lead or deal the key's member may see.",
    body: TaskCreate,
    response: Activity,
    status: 201,
    errors: [...errors],
    example: {
      request: {
        subject: "Send the proposal",
        due_at: EXAMPLE.due_at,
        record_type: "deal",
        record_id: EXAMPLE.record_id,
      },
      response: EXAMPLE,
    },
    run: async ({ caller: { auth }, body, scoped }) => {
      const row = await log(auth, { ...body, type: "task" }, scoped);
      return { status: 201, body: row, version: row.version, headers: { location: `/api/v1/tasks/${row.id}` } };
    },
  }),
  get: operation({
    method: "GET",
    path: "/tasks/{id}",
    operationId: "getTask",
    tag: "Tasks",
    summary: "Get a task",
    params: idParams,
    response: Activity,
    errors: ["not-found"],
    example: { response: EXAMPLE },
    run: async ({ caller: { auth }, params, scoped }) => {
      const row = await scoped((q) => findTask(q, auth, params.id));
      return { body: row, version: row.version };
    },
  }),
  complete: recordVerb(tasks, {
    name: "complete",
    operationId: "completeTask",
    summary: "Complete a task",
    description: "Marks the task done (done again: nothing changes).",
    errors: [],
    example: { response: done },
    act: (auth, taskId) => setTaskDone(auth, taskId, true),
  }),
  reopen: recordVerb(tasks, {
    name: "reopen",
    operationId: "reopenTask",
    summary: "Reopen a task",
    description: "Marks a done task open again.",
    errors: [],
    example: { response: EXAMPLE },
    act: (auth, taskId) => setTaskDone(auth, taskId, false),
  }),
};
