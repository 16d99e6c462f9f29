/**
 * A record as the REST API shows it (lib/api/resources' schemas), for a webhook's `data`: read in the
 * transaction of the change, deleted or not, so the payload is the record as that change left it.
 */
import type { RecordType } from "@/db/schema.ts";
import { Company } from "../api/resources/companies.ts";
import { Contact } from "../api/resources/contacts.ts";
import { Deal } from "../api/resources/deals.ts";
import { Lead } from "../api/resources/leads.ts";
import type { OrgScope } from "../data/scope.ts";

async function row(q: OrgScope, type: RecordType, id: string): Promise<unknown> {
  switch (type) {
    case "deal":
      return await q.selectFrom("deals").selectAll().where("id", "=", id).executeTakeFirst();
    case "lead":
      return await q.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirst();
    case "company":
      return await q.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirst();
    case "contact":
      return await q.selectFrom("contacts")
        .leftJoin(
          "companies",
          (j) => j.onRef("companies.id", "=", "contacts.company_id").on("companies.org_id", "=", q.orgId),
        )
        .selectAll("contacts").select("companies.name as company_name")
        .where("contacts.id", "=", id).executeTakeFirst();
  }
}

const SCHEMAS = { deal: Deal, lead: Lead, company: Company, contact: Contact };

/** The API representation of the record, or null when it is gone. */
export async function recordData(q: OrgScope, type: RecordType, id: string): Promise<Record<string, unknown> | null> {
  const found = await row(q, type, id);
  return found ? SCHEMAS[type].parse(found) as Record<string, unknown> : null;
}
