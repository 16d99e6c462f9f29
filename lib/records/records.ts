/** The record types a timeline, trash and search know about: their table, URL segment and title. */
import { type RawBuilder, sql } from "kysely";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { orgPath } from "../http/paths.ts";
import { UUID } from "./fields.ts";
import { type Viewer, visibleTo } from "./visibility.ts";

export type RecordTable = "companies" | "contacts" | "leads" | "deals";

interface RecordKind {
  table: RecordTable;
  /** URL segment under /app/[org]/. */
  path: string;
  noun: string;
  /** The record's display title as SQL. */
  title: RawBuilder<string>;
}

export const RECORDS: Record<RecordType, RecordKind> = {
  company: { table: "companies", path: "companies", noun: "company", title: sql<string>`companies.name` },
  contact: {
    table: "contacts",
    path: "contacts",
    noun: "contact",
    title: sql<string>`trim(contacts.first_name || ' ' || contacts.last_name)`,
  },
  lead: { table: "leads", path: "leads", noun: "lead", title: sql<string>`leads.name` },
  deal: { table: "deals", path: "deals", noun: "deal", title: sql<string>`deals.title` },
};

/** The org's slug, for links to its records. */
export async function orgSlug(q: OrgScope): Promise<string> {
  return (await q.trx.selectFrom("orgs").select("slug").where("id", "=", q.orgId).executeTakeFirstOrThrow()).slug;
}

export function recordPath(orgSlug: string, type: RecordType, id: string): string {
  return orgPath(orgSlug, RECORDS[type].path, id);
}

/** Runs `fn` in the request's org, as its user. */
export function inOrg<R>(auth: AuthContext, fn: (q: OrgScope) => Promise<R>): Promise<R> {
  return withOrg({ orgId: auth.org.id, userId: auth.user.id }, fn);
}

/** The live record `viewer` may see, with its title; 404 otherwise. */
export async function findVisibleRecord(q: OrgScope, viewer: Viewer, type: RecordType, id: string) {
  const { table, title } = RECORDS[type];
  // One generic query over four tables: Kysely cannot type a table chosen at run time.
  const found = await visibleTo(q.selectFrom(table as "companies"), table, viewer)
    .select(["id", title.as("title")])
    .where(sql.ref(`${table}.id`), "=", id)
    .where(sql.ref(`${table}.deleted_at`), "is", null)
    .executeTakeFirst();
  if (!found) throw notFound();
  return found as { id: string; title: string };
}

export interface RecordRef {
  record_type: RecordType;
  record_id: string;
}

/** Titles of the records `refs` point at (deleted ones included), keyed `type:id`. */
export async function recordTitles(q: OrgScope, refs: RecordRef[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const [type, { table, title }] of Object.entries(RECORDS) as [RecordType, RecordKind][]) {
    const ids = [...new Set(refs.filter((r) => r.record_type === type).map((r) => r.record_id))];
    if (!ids.length) continue;
    const rows = await q.selectFrom(table as "companies").select(["id", title.as("title")])
      .where(sql.ref(`${table}.id`), "in", ids).execute() as { id: string; title: string }[];
    for (const r of rows) titles.set(`${type}:${r.id}`, r.title);
  }
  return titles;
}

/** A record id from the URL; anything that is not a UUID is simply not found. */
export function parseId(id: string | undefined): string {
  if (!id || !UUID.test(id)) throw notFound();
  return id.toLowerCase();
}
