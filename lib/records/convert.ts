/**
 * Converting a lead, in one step and one transaction: its person becomes a contact, its company a
 * company and its interest a deal in the org's first pipeline. Existing records are reused —
 * the contact by email, the company by the email's domain (or its name) — instead of duplicated.
 */
import { assertRecordRoom } from "../billing/limits.ts";
import { sql } from "kysely";
import * as z from "zod";
import type { AuthContext } from "../auth/guard.ts";
import { HttpError } from "../fresh/errors.ts";
import { text } from "../http/forms.ts";
import type { OrgScope } from "../data/scope.ts";
import { insertCompany } from "./companies.ts";
import { insertContact } from "./contacts.ts";
import { entryStage } from "./default_pipeline.ts";
import { recordEvent } from "./history.ts";
import { findLead, OPEN_LEAD_STATUSES } from "./leads.ts";
import { moneyField } from "./fields.ts";
import { inOrg } from "./records.ts";

export const convertInput = (currency: string) => z.object({ deal_title: text(200), value: moneyField(currency) });
export type ConvertInput = z.infer<ReturnType<typeof convertInput>>;

/** Mailbox providers: their domain says nothing about the sender's company. */
const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
]);

export function companyDomain(email: string | null): string | null {
  const domain = email?.split("@")[1]?.toLowerCase() ?? null;
  return domain && !FREE_MAIL.has(domain) ? domain : null;
}

/** "acme-labs.co.uk" → "Acme-labs". */
const nameFromDomain = (domain: string) => domain.charAt(0).toUpperCase() + domain.split(".")[0].slice(1);

function splitName(name: string): { first_name: string; last_name: string } {
  const [first, ...rest] = name.trim().split(/\s+/);
  return { first_name: first, last_name: rest.join(" ") };
}

type LeadForConversion = Awaited<ReturnType<typeof findLead>>;

/** An existing company for the lead: by its email's domain, else by its company name. */
async function existingCompany(q: OrgScope, lead: LeadForConversion) {
  const live = q.selectFrom("companies").select(["companies.id", "companies.name"])
    .where("companies.deleted_at", "is", null).orderBy("companies.id").limit(1);
  const domain = companyDomain(lead.email);
  const byDomain = domain ? await live.where(sql`lower(companies.domain)`, "=", domain).executeTakeFirst() : undefined;
  if (byDomain || !lead.company_name) return byDomain ?? null;
  return await live.where(sql`lower(companies.name)`, "=", lead.company_name.toLowerCase()).executeTakeFirst() ??
    null;
}

/** An existing contact with the lead's email. */
async function existingContact(q: OrgScope, lead: LeadForConversion) {
  if (!lead.email) return null;
  return await q.selectFrom("contacts")
    .select(["contacts.id", "contacts.company_id", sql<string>`trim(first_name || ' ' || last_name)`.as("name")])
    .where(sql`lower(contacts.email)`, "=", lead.email).where("contacts.deleted_at", "is", null)
    .orderBy("contacts.id").limit(1).executeTakeFirst() ?? null;
}

/** The company a conversion creates when none matches (none without a name or a company domain). */
function newCompanyName(lead: LeadForConversion): string | null {
  const domain = companyDomain(lead.email);
  return lead.company_name ?? (domain ? nameFromDomain(domain) : null);
}

export interface ConversionPreview {
  lead: LeadForConversion;
  contact: { existing: boolean; name: string };
  company: { existing: boolean; name: string } | null;
}

/** What converting would reuse and what it would create, shown before the user confirms. */
export async function previewConversion(auth: AuthContext, id: string): Promise<ConversionPreview> {
  return await inOrg(auth, async (q) => {
    const lead = await findLead(q, auth, id);
    const contact = await existingContact(q, lead);
    const company = await existingCompany(q, lead);
    const newName = newCompanyName(lead);
    return {
      lead,
      contact: contact ? { existing: true, name: contact.name } : { existing: false, name: lead.name },
      company: company ? { existing: true, name: company.name } : newName ? { existing: false, name: newName } : null,
    };
  });
}

async function companyFor(q: OrgScope, actorId: string, lead: LeadForConversion, owner: string) {
  const found = await existingCompany(q, lead);
  if (found) return found;
  const name = newCompanyName(lead);
  if (!name) return null;
  const id = await insertCompany(q, actorId, {
    name,
    domain: companyDomain(lead.email),
    industry: null,
    phone: null,
    city: null,
    owner_id: owner,
  }, { lead_id: lead.id });
  return { id, name };
}

async function contactFor(
  q: OrgScope,
  actorId: string,
  lead: LeadForConversion,
  company: { id: string; name: string } | null,
  owner: string,
) {
  const found = await existingContact(q, lead);
  if (!found) {
    return await insertContact(q, actorId, {
      ...splitName(lead.name),
      email: lead.email,
      phone: lead.phone,
      title: null,
      company_id: company?.id ?? null,
      owner_id: owner,
    }, { lead_id: lead.id });
  }
  if (!found.company_id && company) {
    await q.updateTable("contacts").set({ company_id: company.id, updated_at: new Date() })
      .where("id", "=", found.id).execute();
    await recordEvent(q, {
      actorId,
      recordType: "contact",
      recordId: found.id,
      kind: "updated",
      detail: { changes: { company: { from: null, to: company.name } }, lead_id: lead.id },
    });
  }
  return found.id;
}

export interface Conversion {
  contactId: string;
  companyId: string | null;
  dealId: string;
}

export async function convertLead(auth: AuthContext, id: string, input: ConvertInput): Promise<Conversion> {
  return await inOrg(auth, async (q) => {
    const lead = await findLead(q, auth, id);
    // Claim the lead first: a second click (or a second tab) finds it converted.
    const claimed = await q.updateTable("leads").set({ status: "converted", updated_at: new Date() })
      .where("id", "=", id).where("status", "in", OPEN_LEAD_STATUSES)
      .returning("id").executeTakeFirst();
    if (!claimed) throw new HttpError(409, `A ${lead.status} lead cannot be converted`);

    const actor = auth.user.id;
    const owner = lead.owner_id ?? actor;
    const company = await companyFor(q, actor, lead, owner);
    const companyId = company?.id ?? null;
    const contactId = await contactFor(q, actor, lead, company, owner);
    const stage = await entryStage(q);
    await assertRecordRoom(q);
    const deal = await q.insertInto("deals", {
      title: input.deal_title,
      value_minor: input.value,
      currency: auth.org.currency,
      pipeline_id: stage.pipelineId,
      stage_id: stage.stageId,
      company_id: companyId,
      contact_id: contactId,
      owner_id: owner,
      stage_entered_at: new Date(),
    }).returning("id").executeTakeFirstOrThrow();
    await recordEvent(q, {
      actorId: actor,
      recordType: "deal",
      recordId: deal.id,
      kind: "created",
      detail: { lead_id: id },
    });

    await q.updateTable("leads").set({
      converted_contact_id: contactId,
      converted_company_id: companyId,
      converted_deal_id: deal.id,
    }).where("id", "=", id).execute();
    await recordEvent(q, {
      actorId: actor,
      recordType: "lead",
      recordId: id,
      kind: "converted",
      detail: { from: lead.status, to: "converted", contact_id: contactId, company_id: companyId, deal_id: deal.id },
    });
    return { contactId, companyId, dealId: deal.id };
  });
}
