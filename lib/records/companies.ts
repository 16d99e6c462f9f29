/** Companies: input, list, record reads and writes (each write recorded on the timeline). */
import { csvSource } from "./export.ts";
import { assertRecordRoom } from "../billing/limits.ts";
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { matches, prefixQuery } from "../data/tsquery.ts";
import type { OrgScope } from "../data/scope.ts";
import { changedFields, recordChanges, recordEvent } from "./history.ts";
import { countMatches, keysetPage, type ListParams, ownerCondition, type Sort, toPage } from "./list.ts";
import { requireMember } from "./members.ts";
import type { CompanyInput } from "./inputs.ts";
import { recordExtras } from "./record_page.ts";
import { inOrg } from "./records.ts";
import { type Viewer, visibleTo } from "./visibility.ts";
import { assertVersion, stale } from "./versions.ts";

export const COMPANY_SORTS = {
  name: { label: "Name A–Z", keys: [{ expr: sql`lower(companies.name)`, type: "text" }], dir: "asc" },
  name_desc: { label: "Name Z–A", keys: [{ expr: sql`lower(companies.name)`, type: "text" }], dir: "desc" },
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
} satisfies Record<string, Sort>;
export type CompanySort = keyof typeof COMPANY_SORTS;

/** Live companies `viewer` may see, in the org of `q`. */
export function visibleCompanies(q: OrgScope, viewer: Viewer) {
  return visibleTo(q.selectFrom("companies").where("companies.deleted_at", "is", null), "companies", viewer);
}

export function companyListQuery(q: OrgScope, auth: AuthContext, p: ListParams<CompanySort>) {
  let base = visibleCompanies(q, auth);
  const owner = ownerCondition("companies", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const terms = prefixQuery(p.q);
  if (terms) base = base.where(matches("companies", terms));
  return base;
}

/** The list's rows with every column the list and its exports show (the workspace export adds the owner's email and id). */
function companyRows(q: OrgScope, auth: AuthContext, p: ListParams<CompanySort>) {
  return companyListQuery(q, auth, p).leftJoin("users", "users.id", "companies.owner_id")
    .select(["companies.id", "companies.name", "companies.domain", "companies.industry", "companies.phone"])
    .select(["companies.city", "companies.created_at", "users.name as owner_name"])
    .select(["companies.owner_id", "users.email as owner_email"]);
}

export async function listCompanies(q: OrgScope, auth: AuthContext, p: ListParams<CompanySort>) {
  const sort = COMPANY_SORTS[p.sort];
  const base = companyListQuery(q, auth, p);
  const rows = await keysetPage(companyRows(q, auth, p), "companies", sort, p.after).execute();
  const total = await countMatches(q, base);
  return toPage(rows, sort, total);
}

export function companyCsv(auth: AuthContext, p: ListParams<CompanySort>) {
  return csvSource({
    name: "companies",
    table: "companies",
    sort: COMPANY_SORTS[p.sort],
    query: (q) => companyRows(q, auth, p),
    columns: [
      ["Name", (r) => r.name],
      ["Domain", (r) => r.domain],
      ["Industry", (r) => r.industry],
      ["Phone", (r) => r.phone],
      ["City", (r) => r.city],
      ["Owner", (r) => r.owner_name],
      ["Created", (r) => r.created_at],
      ["Id", (r) => r.id],
    ],
  });
}

export async function findCompany(q: OrgScope, viewer: Viewer, id: string) {
  const company = await visibleCompanies(q, viewer)
    .leftJoin("users", "users.id", "companies.owner_id")
    .selectAll("companies").select("users.name as owner_name")
    .where("companies.id", "=", id)
    .executeTakeFirst();
  if (!company) throw notFound();
  return company;
}

export function getCompany(auth: AuthContext, id: string) {
  return inOrg(auth, (q) => findCompany(q, auth, id));
}

/** A company with its contacts and deals, for its page. */
export async function companyPage(auth: AuthContext, id: string) {
  return await inOrg(auth, async (q) => {
    const company = await findCompany(q, auth, id);
    const contacts = await visibleTo(
      q.selectFrom("contacts").where("contacts.deleted_at", "is", null).where("contacts.company_id", "=", id),
      "contacts",
      auth,
    ).select(["contacts.id", "contacts.first_name", "contacts.last_name", "contacts.email", "contacts.title"])
      .orderBy("contacts.id", "desc").limit(50).execute();
    const deals = await visibleTo(
      q.selectFrom("deals").where("deals.deleted_at", "is", null).where("deals.company_id", "=", id),
      "deals",
      auth,
    ).select(["deals.id", "deals.title", "deals.value_minor", "deals.currency", "deals.status"])
      .orderBy("deals.id", "desc").limit(50).execute();
    return { company, contacts, deals, extras: await recordExtras(q, "company", id) };
  });
}

export async function insertCompany(q: OrgScope, actorId: string | null, input: CompanyInput, detail = {}) {
  await requireMember(q, input.owner_id);
  await assertRecordRoom(q);
  const { id } = await q.insertInto("companies", input).returning("id").executeTakeFirstOrThrow();
  await recordEvent(q, { actorId, recordType: "company", recordId: id, kind: "created", detail });
  return id;
}

export async function createCompany(auth: AuthContext, input: CompanyInput): Promise<string> {
  return await inOrg(auth, (q) => insertCompany(q, auth.user.id, input));
}

/** Edits a company; with `version`, only while it is still at that version (else a 412). */
export async function updateCompany(auth: AuthContext, id: string, input: CompanyInput, version?: number) {
  await inOrg(auth, async (q) => {
    const before = await findCompany(q, auth, id);
    assertVersion(before.version, version);
    await requireMember(q, input.owner_id);
    const changes = changedFields(before, input);
    if (!Object.keys(changes).length) return;
    const res = await q.updateTable("companies").set({ ...input, updated_at: new Date() }).where("id", "=", id)
      .where("version", "=", before.version).executeTakeFirst();
    if (!res.numUpdatedRows) throw stale(before.version + 1);
    await recordChanges(q, { actorId: auth.user.id, recordType: "company", recordId: id }, changes);
  });
}
