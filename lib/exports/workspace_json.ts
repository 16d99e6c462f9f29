/**
 * workspace.json: the org and every live record, member, pipeline and stage with the ids that link them
 * (owner_id → members, company_id → companies, record_id → the record an activity is on, …), written as a
 * stream of batches: `{"format":…,"org":{…},"members":[…],"pipelines":[…],…}`.
 */
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { batches } from "../records/export.ts";
import { BY_ID, JSON_COLUMNS, memberRows, onLiveRecord } from "./sources.ts";

const live = <T extends keyof typeof JSON_COLUMNS>(table: T) => (q: OrgScope) =>
  // One query shape over four tables: Kysely cannot type a table chosen at run time.
  q.selectFrom(table as "companies").where(`${table as "companies"}.deleted_at`, "is", null)
    .select(JSON_COLUMNS[table].map((c) => `${table}.${c}` as "companies.id"));

const SECTIONS: { key: string; table: string; query: (q: OrgScope) => ReturnType<ReturnType<typeof live>> }[] = [
  { key: "members", table: "users", query: memberRows as never },
  {
    key: "pipelines",
    table: "pipelines",
    query: (q) => q.selectFrom("pipelines").select(["id", "name", "position", "created_at"]) as never,
  },
  {
    key: "stages",
    table: "stages",
    query: (q) =>
      q.selectFrom("stages").select(["id", "pipeline_id", "name", "position", "probability", "created_at"]) as never,
  },
  { key: "companies", table: "companies", query: live("companies") },
  { key: "contacts", table: "contacts", query: live("contacts") },
  { key: "leads", table: "leads", query: live("leads") },
  { key: "deals", table: "deals", query: live("deals") },
  {
    key: "activities",
    table: "activities",
    query: (q) =>
      q.selectFrom("activities").where("activities.deleted_at", "is", null).where(onLiveRecord())
        .select(["id", "type", "subject", "body", "record_type", "record_id", "owner_id", "created_by"])
        .select(["due_at", "done_at", "created_at", "updated_at"]) as never,
  },
];

export const JSON_FORMAT = "nexacrm.workspace";

export async function* workspaceJson(auth: AuthContext, exportedAt: Date): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const { id, name, slug, currency, time_zone, visibility, rotting_days } = auth.org;
  const head = {
    format: JSON_FORMAT,
    version: 1,
    exported_at: exportedAt.toISOString(),
    org: { id, name, slug, currency, time_zone, visibility, rotting_days },
  };
  yield encoder.encode(JSON.stringify(head).slice(0, -1));
  for (const section of SECTIONS) {
    yield encoder.encode(`,${JSON.stringify(section.key)}:[`);
    let first = true;
    for await (const rows of batches(auth, section.table, BY_ID, section.query)) {
      yield encoder.encode(`${first ? "" : ","}${rows.map((row) => JSON.stringify(row)).join(",")}`);
      first = false;
    }
    yield encoder.encode("]");
  }
  yield encoder.encode("}");
}
