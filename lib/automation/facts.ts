/**
 * What rules read about a record: the fields conditions test and the merge values templates show,
 * loaded fresh for each run (a deal moved twice is judged as it is now, not as it was).
 */
import type { OrgScope } from "../data/scope.ts";
import { formatMoney } from "../records/money.ts";
import type { RecordKind } from "./triggers.ts";

export interface RecordFacts {
  type: RecordKind;
  id: string;
  title: string;
  pipelineId: string | null;
  stageId: string | null;
  status: string;
  ownerId: string | null;
  ownerTeam: string | null;
  amountMinor: number | null;
  source: string | null;
  /** Text fields conditions may match: deal title, lead name, company, message. */
  text: Record<string, string>;
  /** Merge values by field name (`deal.title`…). */
  merge: Record<string, string>;
  ownerEmail: string | null;
  contactEmail: string | null;
}

async function owner(q: OrgScope, ownerId: string | null) {
  if (!ownerId) return null;
  return await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.name", "users.email", "memberships.team"]).where("memberships.user_id", "=", ownerId)
    .executeTakeFirst() ?? null;
}

async function dealFacts(q: OrgScope, id: string, orgName: string): Promise<RecordFacts | null> {
  const deal = await q.selectFrom("deals")
    .innerJoin("stages", "stages.id", "deals.stage_id")
    .innerJoin("pipelines", "pipelines.id", "deals.pipeline_id")
    .leftJoin("contacts", "contacts.id", "deals.contact_id")
    .leftJoin("companies", "companies.id", "deals.company_id")
    .select([
      "deals.id",
      "deals.title",
      "deals.value_minor",
      "deals.currency",
      "deals.pipeline_id",
      "deals.stage_id",
      "deals.status",
      "deals.owner_id",
      "deals.expected_close_date",
      "stages.name as stage",
      "pipelines.name as pipeline",
      "contacts.first_name",
      "contacts.last_name",
      "contacts.email as contact_email",
      "companies.name as company",
    ])
    .where("deals.id", "=", id).where("deals.deleted_at", "is", null).executeTakeFirst();
  if (!deal) return null;
  const who = await owner(q, deal.owner_id);
  return {
    type: "deal",
    id: deal.id,
    title: deal.title,
    pipelineId: deal.pipeline_id,
    stageId: deal.stage_id,
    status: deal.status,
    ownerId: deal.owner_id,
    ownerTeam: who?.team ?? null,
    amountMinor: deal.value_minor,
    source: null,
    text: { title: deal.title, company: deal.company ?? "" },
    ownerEmail: who?.email ?? null,
    contactEmail: deal.contact_email,
    merge: {
      "deal.title": deal.title,
      "deal.amount": formatMoney(deal.value_minor, deal.currency),
      "deal.stage": deal.stage,
      "deal.pipeline": deal.pipeline,
      "deal.close_date": deal.expected_close_date ?? "",
      "deal.status": deal.status,
      "owner.name": who?.name ?? "",
      "owner.email": who?.email ?? "",
      "contact.first_name": deal.first_name ?? "",
      "contact.last_name": deal.last_name ?? "",
      "contact.email": deal.contact_email ?? "",
      "company.name": deal.company ?? "",
      "org.name": orgName,
    },
  };
}

async function leadFacts(q: OrgScope, id: string, orgName: string): Promise<RecordFacts | null> {
  const lead = await q.selectFrom("leads")
    .select(["id", "name", "email", "company_name", "message", "source", "status", "owner_id"])
    .where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
  if (!lead) return null;
  const who = await owner(q, lead.owner_id);
  const [first, ...rest] = lead.name.split(/\s+/);
  return {
    type: "lead",
    id: lead.id,
    title: lead.name,
    pipelineId: null,
    stageId: null,
    status: lead.status,
    ownerId: lead.owner_id,
    ownerTeam: who?.team ?? null,
    amountMinor: null,
    source: lead.source,
    text: { name: lead.name, company: lead.company_name ?? "", message: lead.message ?? "" },
    ownerEmail: who?.email ?? null,
    contactEmail: lead.email,
    merge: {
      "lead.name": lead.name,
      "lead.email": lead.email ?? "",
      "lead.company": lead.company_name ?? "",
      "lead.source": lead.source,
      "lead.status": lead.status,
      "owner.name": who?.name ?? "",
      "owner.email": who?.email ?? "",
      "contact.first_name": first ?? "",
      "contact.last_name": rest.join(" "),
      "contact.email": lead.email ?? "",
      "company.name": lead.company_name ?? "",
      "org.name": orgName,
    },
  };
}

/** The record as rules see it; null when it is gone (deleted, or never in this org). */
export async function recordFacts(q: OrgScope, type: RecordKind, id: string): Promise<RecordFacts | null> {
  const org = await q.trx.selectFrom("orgs").select("name").where("id", "=", q.orgId).executeTakeFirstOrThrow();
  return type === "deal" ? await dealFacts(q, id, org.name) : await leadFacts(q, id, org.name);
}
