/**
 * The workspace export's CSVs: the list exports' own sources (same columns, same neutralising), over every live
 * record in creation order, with the emails and ids that link records added at the end; and sources of the same
 * shape for what has no list export (activities, tasks, pipelines, stages, members).
 */
import { sql, type SqlBool } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { dealCsv } from "../deals/list.ts";
import { companyCsv } from "../records/companies.ts";
import { contactCsv } from "../records/contacts.ts";
import { type CsvSource, csvSource } from "../records/export.ts";
import { leadCsv } from "../records/leads.ts";
import type { Sort } from "../records/list.ts";
import { RECORDS } from "../records/records.ts";
import { visibleTo } from "../records/visibility.ts";

/** By id: creation order (UUIDv7), the primary key's order. */
export const BY_ID: Sort = { label: "Oldest", keys: [], dir: "asc" };

/** Every row, whatever a list's defaults filter (`extended` then orders them by id). */
const ALL = { q: "", owner: "", sort: "newest" as const, after: null };
const ALL_DEALS = {
  ...ALL,
  status: "all" as const,
  pipeline: "",
  stage: "",
  closedFrom: "",
  closedTo: "",
  expectedFrom: "",
  expectedTo: "",
  reason: "",
  team: "",
};

/**
 * An activity whose record is in the trash goes with it: the export's links all resolve. One scalar look-up
 * per row by the record's primary key (EXISTS in an OR would be planned as a hash of each whole table, per batch).
 */
export function onLiveRecord(): ReturnType<typeof sql<SqlBool>> {
  const cases = Object.entries(RECORDS).map(([type, { table }]) =>
    sql`WHEN ${type} THEN (SELECT true FROM ${sql.table(table)} r
      WHERE r.org_id = activities.org_id AND r.id = activities.record_id AND r.deleted_at IS NULL)`
  );
  return sql<SqlBool>`coalesce(CASE activities.record_type ${sql.join(cases, sql` `)} END, false)`;
}

function activityRows(q: OrgScope, auth: AuthContext, tasks: boolean) {
  const base = q.selectFrom("activities").where("activities.deleted_at", "is", null)
    .where("activities.type", tasks ? "=" : "!=", "task").where(onLiveRecord());
  return visibleTo(base, "activities", auth).leftJoin("users", "users.id", "activities.owner_id")
    .select(["activities.id", "activities.type", "activities.subject", "activities.body", "activities.record_type"])
    .select(["activities.record_id", "activities.due_at", "activities.done_at", "activities.created_at"])
    .select(["activities.owner_id", "users.name as owner_name", "users.email as owner_email"]);
}

type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityRows>["execute"]>>[number];
type Column = [header: string, value: (row: ActivityRow) => unknown];

function activityCsv(auth: AuthContext, tasks: boolean) {
  return csvSource<ActivityRow>({
    name: tasks ? "tasks" : "activities",
    table: "activities",
    sort: BY_ID,
    query: (q) => activityRows(q, auth, tasks),
    columns: [
      ...(tasks ? [] : [["Type", (r) => r.type]] satisfies Column[]),
      ["Subject", (r) => r.subject],
      ["Body", (r) => r.body],
      ...(tasks ? [["Due", (r) => r.due_at], ["Done", (r) => r.done_at]] satisfies Column[] : []),
      ["Record type", (r) => r.record_type],
      [tasks ? "Assignee" : "Owner", (r) => r.owner_name],
      [tasks ? "Assignee email" : "Owner email", (r) => r.owner_email],
      ["Created", (r) => r.created_at],
      ["Id", (r) => r.id],
      ["Record id", (r) => r.record_id],
      [tasks ? "Assignee id" : "Owner id", (r) => r.owner_id],
    ],
  });
}

const pipelineCsv = csvSource({
  name: "pipelines",
  table: "pipelines",
  sort: BY_ID,
  query: (q) =>
    q.selectFrom("pipelines").select(["pipelines.id", "pipelines.name", "pipelines.position"])
      .select("pipelines.created_at"),
  columns: [
    ["Name", (r) => r.name],
    ["Position", (r) => r.position],
    ["Created", (r) => r.created_at],
    ["Id", (r) => r.id],
  ],
});

const stageCsv = csvSource({
  name: "stages",
  table: "stages",
  sort: BY_ID,
  query: (q) =>
    q.selectFrom("stages").innerJoin("pipelines", "pipelines.id", "stages.pipeline_id")
      .select(["stages.id", "stages.name", "stages.position", "stages.probability", "stages.pipeline_id"])
      .select(["pipelines.name as pipeline_name", "stages.created_at"]),
  columns: [
    ["Pipeline", (r) => r.pipeline_name],
    ["Name", (r) => r.name],
    ["Position", (r) => r.position],
    ["Probability", (r) => r.probability],
    ["Created", (r) => r.created_at],
    ["Id", (r) => r.id],
    ["Pipeline id", (r) => r.pipeline_id],
  ],
});

/** The org's members, paged by user id (memberships have no id of their own). */
export function memberRows(q: OrgScope) {
  return q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "memberships.team"])
    .select("memberships.created_at as joined_at");
}

const memberCsv = csvSource({
  name: "members",
  table: "users",
  sort: BY_ID,
  query: memberRows,
  columns: [
    ["Name", (r) => r.name],
    ["Email", (r) => r.email],
    ["Role", (r) => r.role],
    ["Team", (r) => r.team],
    ["Joined", (r) => r.joined_at],
    ["Id", (r) => r.id],
  ],
});

/** `source` over every row in id order, with `extra` columns after its own. */
function extended<R extends { id: string }>(
  source: CsvSource<R>,
  extra: [header: string, value: (row: R) => unknown][],
): CsvSource<R> {
  return { ...source, sort: BY_ID, columns: [...source.columns, ...extra] };
}

const ownerLinks = <R extends { owner_email: string | null; owner_id: string | null }>() =>
  [["Owner email", (r: R) => r.owner_email], ["Owner id", (r: R) => r.owner_id]] as [string, (r: R) => unknown][];

/** The CSVs of the zip, in its order. */
// deno-lint-ignore no-explicit-any
export function workspaceCsvs(auth: AuthContext): CsvSource<any>[] {
  const companies = companyCsv(auth, ALL);
  const contacts = contactCsv(auth, ALL);
  const leads = leadCsv(auth, { ...ALL, status: "all" });
  const deals = dealCsv(auth, ALL_DEALS);
  return [
    extended(companies, ownerLinks()),
    extended(contacts, [...ownerLinks(), ["Company id", (r) => r.company_id]]),
    extended(leads, [
      ...ownerLinks(),
      ["Converted contact id", (r) => r.converted_contact_id],
      ["Converted company id", (r) => r.converted_company_id],
      ["Converted deal id", (r) => r.converted_deal_id],
    ]),
    extended(deals, [
      ["Value (minor units)", (r) => r.value_minor],
      ...ownerLinks(),
      ["Pipeline id", (r) => r.pipeline_id],
      ["Stage id", (r) => r.stage_id],
      ["Company id", (r) => r.company_id],
      ["Contact id", (r) => r.contact_id],
    ]),
    activityCsv(auth, false),
    activityCsv(auth, true),
    pipelineCsv,
    stageCsv,
    memberCsv,
  ];
}

/** The columns each record table contributes to workspace.json: everything but the tenant, search and trash columns. */
export const JSON_COLUMNS = {
  companies: ["id", "owner_id", "name", "domain", "industry", "phone", "city", "created_at", "updated_at"],
  contacts: [
    "id",
    "owner_id",
    "company_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "title",
    "created_at",
    "updated_at",
  ],
  leads: [
    "id",
    "owner_id",
    "name",
    "email",
    "phone",
    "company_name",
    "message",
    "source",
    "status",
    "disqualify_reason",
    "converted_contact_id",
    "converted_company_id",
    "converted_deal_id",
    "created_at",
    "updated_at",
  ],
  deals: [
    "id",
    "owner_id",
    "pipeline_id",
    "stage_id",
    "company_id",
    "contact_id",
    "title",
    "value_minor",
    "currency",
    "expected_close_date",
    "status",
    "lost_reason",
    "closed_at",
    "stage_entered_at",
    "position",
    "created_at",
    "updated_at",
  ],
} as const;
