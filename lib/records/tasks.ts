/** The tasks list: tasks across records, filtered by assignee and state, ordered by due date. */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { countMatches, keysetPage, listParams, ownerCondition, type Sort, toPage } from "./list.ts";
import type { OrgScope } from "../data/scope.ts";
import { recordTitles } from "./records.ts";
import { visibleTo } from "./visibility.ts";
import { endOfDay, startOfDay } from "../time/zones.ts";

export const TASK_STATES = ["open", "overdue", "today", "done"] as const;
export type TaskState = typeof TASK_STATES[number];

const DUE = [{ expr: sql`activities.due_at`, type: "timestamptz" }] as const;
export const TASK_SORTS = {
  due: { label: "Due first", keys: [...DUE], dir: "asc" },
  due_desc: { label: "Due last", keys: [...DUE], dir: "desc" },
} satisfies Record<string, Sort>;

/** The query string of the tasks list; with no owner given it shows the user's own tasks. */
export function taskParams(url: URL) {
  const p = listParams(url, TASK_SORTS, "due");
  const state = url.searchParams.get("state") ?? "";
  return {
    ...p,
    owner: url.searchParams.has("owner") ? p.owner : "me",
    state: (TASK_STATES as readonly string[]).includes(state) ? state as TaskState : "open",
  };
}
export type TaskParams = ReturnType<typeof taskParams>;

/** The tasks the list's filters leave, as the user may see them. */
export function taskListQuery(q: OrgScope, auth: AuthContext, p: Omit<TaskParams, "sort" | "after">) {
  let base = visibleTo(
    q.selectFrom("activities").where("activities.type", "=", "task").where("activities.deleted_at", "is", null),
    "activities",
    auth,
  );
  const owner = ownerCondition("activities", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const now = new Date();
  if (p.state === "done") base = base.where("activities.done_at", "is not", null);
  else base = base.where("activities.done_at", "is", null);
  if (p.state === "overdue") base = base.where("activities.due_at", "<", now);
  if (p.state === "today") {
    // "Today" is the org's day, in its time zone.
    base = base.where("activities.due_at", ">=", startOfDay(now, auth.org.time_zone))
      .where("activities.due_at", "<", endOfDay(now, auth.org.time_zone));
  }
  // Tasks have no search vector: their subject is matched within the rows the filters leave.
  if (p.q) base = base.where("activities.subject", "ilike", `%${p.q.replace(/[\\%_]/g, "\\$&")}%`);
  return base;
}

export async function listTasks(q: OrgScope, auth: AuthContext, p: TaskParams) {
  const sort = TASK_SORTS[p.sort];
  const base = taskListQuery(q, auth, p);
  const rows = await keysetPage(
    base.leftJoin("users", "users.id", "activities.owner_id")
      .select([
        "activities.id",
        "activities.subject",
        "activities.due_at",
        "activities.done_at",
        "activities.record_type",
        "activities.record_id",
      ])
      .select("users.name as assignee"),
    "activities",
    sort,
    p.after,
  ).execute();
  const total = await countMatches(q, base);
  const titles = await recordTitles(q, rows);
  const page = toPage(rows, sort, total);
  return {
    ...page,
    rows: page.rows.map((r) => ({ ...r, record_title: titles.get(`${r.record_type}:${r.record_id}`) ?? "—" })),
  };
}
