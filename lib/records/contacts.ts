/** Contacts (people, linked to a company): input, list, record reads and writes. */
import { csvSource } from "./export.ts";
import { assertRecordRoom } from "../billing/limits.ts";
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { matches, prefixQuery } from "../data/tsquery.ts";
import type { OrgScope } from "../data/scope.ts";
import { insertCompany, visibleCompanies } from "./companies.ts";
import { changedFields, recordChanges, recordEvent } from "./history.ts";
import { countMatches, keysetPage, type ListParams, ownerCondition, type Sort, toPage } from "./list.ts";
import { requireMember } from "./members.ts";
import type { ContactInput } from "./inputs.ts";
import { recordExtras } from "./record_page.ts";
import { inOrg } from "./records.ts";
import { type Viewer, visibleTo } from "./visibility.ts";
import { assertVersion, stale } from "./versions.ts";
import { ValidationError } from "../http/forms.ts";

const NAME_KEYS = [
  { expr: sql`lower(contacts.last_name)`, type: "text" },
  { expr: sql`lower(contacts.first_name)`, type: "text" },
] as const;

export const CONTACT_SORTS = {
  name: { label: "Name A–Z", keys: [...NAME_KEYS], dir: "asc" },
  name_desc: { label: "Name Z–A", keys: [...NAME_KEYS], dir: "desc" },
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
} satisfies Record<string, Sort>;
export type ContactSort = keyof typeof CONTACT_SORTS;

export function visibleContacts(q: OrgScope, viewer: Viewer) {
  return visibleTo(q.selectFrom("contacts").where("contacts.deleted_at", "is", null), "contacts", viewer);
}

export function contactListQuery(q: OrgScope, auth: AuthContext, p: ListParams<ContactSort>) {
  let base = visibleContacts(q, auth);
  const owner = ownerCondition("contacts", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const terms = prefixQuery(p.q);
  if (terms) base = base.where(matches("contacts", terms));
  return base;
}

/** The list's rows with every column the list and its exports show (the workspace export adds the ids it links). */
function contactRows(q: OrgScope, auth: AuthContext, p: ListParams<ContactSort>) {
  return contactListQuery(q, auth, p)
    .leftJoin(
      "companies",
      (j) => j.onRef("companies.id", "=", "contacts.company_id").on("companies.org_id", "=", q.orgId),
    )
    .leftJoin("users", "users.id", "contacts.owner_id")
    .select(["contacts.id", "contacts.first_name", "contacts.last_name", "contacts.email", "contacts.phone"])
    .select(["contacts.title", "contacts.company_id", "contacts.created_at"])
    .select(["companies.name as company_name", "users.name as owner_name"])
    .select(["contacts.owner_id", "users.email as owner_email"]);
}

export function contactCsv(auth: AuthContext, p: ListParams<ContactSort>) {
  return csvSource({
    name: "contacts",
    table: "contacts",
    sort: CONTACT_SORTS[p.sort],
    query: (q) => contactRows(q, auth, p),
    columns: [
      ["First name", (r) => r.first_name],
      ["Last name", (r) => r.last_name],
      ["Email", (r) => r.email],
      ["Phone", (r) => r.phone],
      ["Title", (r) => r.title],
      ["Company", (r) => r.company_name],
      ["Owner", (r) => r.owner_name],
      ["Created", (r) => r.created_at],
      ["Id", (r) => r.id],
    ],
  });
}

export async function listContacts(q: OrgScope, auth: AuthContext, p: ListParams<ContactSort>) {
  const sort = CONTACT_SORTS[p.sort];
  const base = contactListQuery(q, auth, p);
  const rows = await keysetPage(contactRows(q, auth, p), "contacts", sort, p.after).execute();
  const total = await countMatches(q, base);
  return toPage(rows, sort, total);
}

export async function findContact(q: OrgScope, viewer: Viewer, id: string) {
  const contact = await visibleContacts(q, viewer)
    .leftJoin(
      "companies",
      (j) =>
        j.onRef("companies.id", "=", "contacts.company_id").on("companies.org_id", "=", q.orgId)
          .on("companies.deleted_at", "is", null),
    )
    .leftJoin("users", "users.id", "contacts.owner_id")
    .selectAll("contacts").select(["companies.name as company_name", "users.name as owner_name"])
    .where("contacts.id", "=", id)
    .executeTakeFirst();
  if (!contact) throw notFound();
  return contact;
}

export function getContact(auth: AuthContext, id: string) {
  return inOrg(auth, (q) => findContact(q, auth, id));
}

export async function contactPage(auth: AuthContext, id: string) {
  return await inOrg(auth, async (q) => {
    const contact = await findContact(q, auth, id);
    const deals = await visibleTo(
      q.selectFrom("deals").where("deals.deleted_at", "is", null).where("deals.contact_id", "=", id),
      "deals",
      auth,
    ).select(["deals.id", "deals.title", "deals.value_minor", "deals.currency", "deals.status"])
      .orderBy("deals.id", "desc").limit(50).execute();
    return { contact, deals, extras: await recordExtras(q, "contact", id) };
  });
}

/** The company with this name (any case), or a new one owned like the contact. */
export async function companyByName(q: OrgScope, actorId: string | null, name: string, ownerId: string | null) {
  const found = await q.selectFrom("companies").select("id")
    .where(sql`lower(companies.name)`, "=", name.toLowerCase()).where("companies.deleted_at", "is", null)
    .orderBy("companies.id").limit(1).executeTakeFirst();
  if (found) return found.id;
  return await insertCompany(q, actorId, {
    name,
    domain: null,
    industry: null,
    phone: null,
    city: null,
    owner_id: ownerId,
  });
}

type ContactRow = Omit<ContactInput, "company_name"> & { company_id: string | null };

export async function insertContact(q: OrgScope, actorId: string | null, row: ContactRow, detail = {}) {
  await requireMember(q, row.owner_id);
  await assertRecordRoom(q);
  const { id } = await q.insertInto("contacts", row).returning("id").executeTakeFirstOrThrow();
  await recordEvent(q, { actorId, recordType: "contact", recordId: id, kind: "created", detail });
  return id;
}

/** A contact's fields; its company by id (the API) or by name (the form: an existing one, else a new one). */
export type ContactChange = ContactInput & { company_id?: string | null };

/** The company a change names by id, if the viewer sees it (null for none); a field error otherwise. */
async function companyById(q: OrgScope, viewer: Viewer, id: string | null) {
  if (id === null) return { id: null, name: null };
  const found = await visibleCompanies(q, viewer).select(["companies.id", "companies.name"])
    .where("companies.id", "=", id).executeTakeFirst();
  if (!found) throw new ValidationError({ company_id: "No such company" });
  return found;
}

export async function createContact(auth: AuthContext, input: ContactChange): Promise<string> {
  return await inOrg(auth, async (q) => {
    const { company_name, company_id: byId, ...row } = input;
    await requireMember(q, row.owner_id);
    const company_id = byId !== undefined
      ? (await companyById(q, auth, byId)).id
      : company_name
      ? await companyByName(q, auth.user.id, company_name, row.owner_id)
      : null;
    return await insertContact(q, auth.user.id, { ...row, company_id });
  });
}

/** Edits a contact; with `version`, only while it is still at that version (else a 412). */
export async function updateContact(auth: AuthContext, id: string, input: ContactChange, version?: number) {
  await inOrg(auth, async (q) => {
    const before = await findContact(q, auth, id);
    assertVersion(before.version, version);
    const { company_name, company_id: byId, ...row } = input;
    await requireMember(q, row.owner_id);
    const named = byId !== undefined && byId !== before.company_id ? await companyById(q, auth, byId) : null;
    const sameCompany = named === null &&
      (byId !== undefined || (company_name ?? "").toLowerCase() === (before.company_name ?? "").toLowerCase());
    const company_id = sameCompany
      ? before.company_id
      : named
      ? named.id
      : company_name
      ? await companyByName(q, auth.user.id, company_name, row.owner_id)
      : null;
    // History names the company rather than its id.
    const changes = changedFields({ ...before, company: before.company_name }, {
      ...row,
      company: sameCompany ? before.company_name : named ? named.name : company_name,
    });
    if (!Object.keys(changes).length) return;
    const res = await q.updateTable("contacts").set({ ...row, company_id, updated_at: new Date() })
      .where("id", "=", id).where("version", "=", before.version).executeTakeFirst();
    if (!res.numUpdatedRows) throw stale(before.version + 1);
    await recordChanges(q, { actorId: auth.user.id, recordType: "contact", recordId: id }, changes);
  });
}

/** Recent company names, offered while typing a contact's company. */
export async function companyNames(auth: AuthContext, limit = 200): Promise<string[]> {
  return await inOrg(
    auth,
    async (q) =>
      (await visibleCompanies(q, auth).select("companies.name").orderBy("companies.id", "desc").limit(limit).execute())
        .map((c) => c.name),
  );
}
