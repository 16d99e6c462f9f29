/** Leads: the inbox (list), manual and web-form capture, edits, qualify and disqualify. */
import { csvSource } from "./export.ts";
import { assertRecordRoom } from "../billing/limits.ts";
import type { AuthContext } from "../auth/guard.ts";
import { HttpError, notFound } from "../fresh/errors.ts";
import { matches, prefixQuery } from "../data/tsquery.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { changedFields, recordChanges, recordEvent } from "./history.ts";
import { countMatches, keysetPage, type ListParams, ownerCondition, type Sort, toPage } from "./list.ts";
import { requireMember } from "./members.ts";
import type { LeadInput, WebLeadInput } from "./inputs.ts";
import { recordExtras } from "./record_page.ts";
import { inOrg } from "./records.ts";
import { type Viewer, visibleTo } from "./visibility.ts";
import { assertVersion, stale } from "./versions.ts";

export const LEAD_STATUSES = ["new", "qualified", "disqualified", "converted"] as const;
export type LeadStatus = typeof LEAD_STATUSES[number];
/** Statuses of a lead that still needs work: it can be converted or disqualified. */
export const OPEN_LEAD_STATUSES: LeadStatus[] = ["new", "qualified"];
export const isOpenLead = (status: string) => (OPEN_LEAD_STATUSES as string[]).includes(status);
/** The inbox filter: "open" is what still needs work. */
export const LEAD_FILTERS = ["open", ...LEAD_STATUSES, "all"] as const;
export type LeadFilter = typeof LEAD_FILTERS[number];

export function leadFilter(url: URL): LeadFilter {
  const s = url.searchParams.get("status") ?? "";
  return (LEAD_FILTERS as readonly string[]).includes(s) ? s as LeadFilter : "open";
}

export const LEAD_SORTS = {
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
} satisfies Record<string, Sort>;
export type LeadSort = keyof typeof LEAD_SORTS;

export function visibleLeads(q: OrgScope, viewer: Viewer) {
  return visibleTo(q.selectFrom("leads").where("leads.deleted_at", "is", null), "leads", viewer);
}

export function leadListQuery(q: OrgScope, auth: AuthContext, p: ListParams<LeadSort> & { status: LeadFilter }) {
  let base = visibleLeads(q, auth);
  if (p.status === "open") base = base.where("leads.status", "in", OPEN_LEAD_STATUSES);
  else if (p.status !== "all") base = base.where("leads.status", "=", p.status);
  const owner = ownerCondition("leads", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const terms = prefixQuery(p.q);
  if (terms) base = base.where(matches("leads", terms));
  return base;
}

type LeadListParams = ListParams<LeadSort> & { status: LeadFilter };

/** The list's rows with every column the list and its exports show (the workspace export adds the ids it links). */
function leadRows(q: OrgScope, auth: AuthContext, p: LeadListParams) {
  return leadListQuery(q, auth, p).leftJoin("users", "users.id", "leads.owner_id")
    .select(["leads.id", "leads.name", "leads.email", "leads.phone", "leads.company_name", "leads.message"])
    .select(["leads.source", "leads.status", "leads.disqualify_reason", "leads.created_at"])
    .select(["users.name as owner_name", "leads.owner_id", "users.email as owner_email"])
    .select(["leads.converted_contact_id", "leads.converted_company_id", "leads.converted_deal_id"]);
}

export function leadCsv(auth: AuthContext, p: LeadListParams) {
  return csvSource({
    name: "leads",
    table: "leads",
    sort: LEAD_SORTS[p.sort],
    query: (q) => leadRows(q, auth, p),
    columns: [
      ["Name", (r) => r.name],
      ["Email", (r) => r.email],
      ["Phone", (r) => r.phone],
      ["Company", (r) => r.company_name],
      ["Message", (r) => r.message],
      ["Source", (r) => r.source],
      ["Status", (r) => r.status],
      ["Disqualified because", (r) => r.disqualify_reason],
      ["Owner", (r) => r.owner_name],
      ["Created", (r) => r.created_at],
      ["Id", (r) => r.id],
    ],
  });
}

export async function listLeads(q: OrgScope, auth: AuthContext, p: LeadListParams) {
  const sort = LEAD_SORTS[p.sort];
  const base = leadListQuery(q, auth, p);
  const rows = await keysetPage(leadRows(q, auth, p), "leads", sort, p.after).execute();
  const total = await countMatches(q, base);
  return toPage(rows, sort, total);
}

export async function findLead(q: OrgScope, viewer: Viewer, id: string) {
  const lead = await visibleLeads(q, viewer)
    .leftJoin("users", "users.id", "leads.owner_id")
    .selectAll("leads").select("users.name as owner_name")
    .where("leads.id", "=", id)
    .executeTakeFirst();
  if (!lead) throw notFound();
  return lead;
}

export function getLead(auth: AuthContext, id: string) {
  return inOrg(auth, (q) => findLead(q, auth, id));
}

export async function leadPage(auth: AuthContext, id: string) {
  return await inOrg(
    auth,
    async (q) => ({ lead: await findLead(q, auth, id), extras: await recordExtras(q, "lead", id) }),
  );
}

/** A lead entered by hand, or through the API (`source`). */
export async function createLead(auth: AuthContext, input: LeadInput, source: "manual" | "api" = "manual") {
  return await inOrg(auth, async (q) => {
    await requireMember(q, input.owner_id);
    await assertRecordRoom(q);
    const { id } = await q.insertInto("leads", { ...input, source }).returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(q, { actorId: auth.user.id, recordType: "lead", recordId: id, kind: "created" });
    return id;
  });
}

/** A lead from the org's public web form: unassigned, in the inbox as new. */
export async function captureWebLead(orgId: string, input: WebLeadInput): Promise<string> {
  return await withOrg({ orgId }, async (q) => {
    await assertRecordRoom(q);
    const { id } = await q.insertInto("leads", { ...input, source: "web_form" }).returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(q, {
      actorId: null,
      recordType: "lead",
      recordId: id,
      kind: "created",
      detail: { source: "web_form" },
    });
    return id;
  });
}

/** Edits a lead; with `version`, only while it is still at that version (else a 412). */
export async function updateLead(auth: AuthContext, id: string, input: LeadInput, version?: number): Promise<void> {
  await inOrg(auth, async (q) => {
    const before = await findLead(q, auth, id);
    assertVersion(before.version, version);
    await requireMember(q, input.owner_id);
    const changes = changedFields(before, input);
    if (!Object.keys(changes).length) return;
    const res = await q.updateTable("leads").set({ ...input, updated_at: new Date() }).where("id", "=", id)
      .where("version", "=", before.version).executeTakeFirst();
    if (!res.numUpdatedRows) throw stale(before.version + 1);
    await recordChanges(q, { actorId: auth.user.id, recordType: "lead", recordId: id }, changes);
  });
}

/** Moves a lead to `status` from one of `from`, recording the change. */
async function setStatus(
  auth: AuthContext,
  id: string,
  status: LeadStatus,
  from: LeadStatus[],
  reason: string | null = null,
) {
  await inOrg(auth, async (q) => {
    const lead = await findLead(q, auth, id);
    if (!from.includes(lead.status)) throw new HttpError(409, `A ${lead.status} lead cannot be ${status}`);
    await q.updateTable("leads").set({ status, disqualify_reason: reason, updated_at: new Date() })
      .where("id", "=", id).execute();
    await recordEvent(q, {
      actorId: auth.user.id,
      recordType: "lead",
      recordId: id,
      kind: "status_changed",
      detail: { from: lead.status, to: status, ...(reason ? { reason } : {}) },
    });
  });
}

export const qualifyLead = (auth: AuthContext, id: string) => setStatus(auth, id, "qualified", ["new", "disqualified"]);

export const disqualifyLead = (auth: AuthContext, id: string, reason: string) =>
  setStatus(auth, id, "disqualified", OPEN_LEAD_STATUSES, reason);
