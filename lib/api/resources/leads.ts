/** Leads in the API: the representation, its list filters, the lib functions behind each operation, and the verbs. */
import * as z from "zod";
import { convertLead } from "../../records/convert.ts";
import {
  createLead,
  disqualifyLead,
  findLead,
  LEAD_FILTERS,
  LEAD_SORTS,
  LEAD_STATUSES,
  leadListQuery,
  qualifyLead,
  updateLead,
} from "../../records/leads.ts";
import { minorUnits, newOwner, nullableEmail, nullableText, recordHead, recordTail, requiredText } from "../fields.ts";
import { listFilters, listPage, listQuery, ownerFilter, ownerOr, searchFilter, updatedSort } from "../lists.ts";
import { recordOperations, type RecordResource, recordVerb } from "../records.ts";

const SORTS = { ...LEAD_SORTS, updated: updatedSort("leads") };

export const Lead = z.object({
  ...recordHead("lead"),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company_name: z.string().nullable(),
  message: z.string().nullable(),
  source: z.enum(["manual", "web_form", "api", "import"]),
  status: z.enum(LEAD_STATUSES),
  disqualify_reason: z.string().nullable(),
  converted_contact_id: z.uuid().nullable(),
  converted_company_id: z.uuid().nullable(),
  converted_deal_id: z.uuid().nullable(),
  ...recordTail(),
}).meta({ id: "Lead" });

const LeadCreate = z.strictObject({
  name: requiredText(200),
  email: nullableEmail(),
  phone: nullableText(50),
  company_name: nullableText(200),
  message: nullableText(5000),
  owner_id: newOwner(),
});

const ListQuery = listQuery(["newest", "oldest", "updated"], {
  ...ownerFilter,
  ...searchFilter,
  status: z.enum(LEAD_FILTERS).default("all").describe('"open" is new and qualified'),
});

const EXAMPLE = {
  id: "0190f3a2-9e30-7d5c-9f60-4b8c0e2d3f40",
  object: "lead",
  name: "Sam Lee",
  email: "sam@globex.com",
  phone: null,
  company_name: "Globex",
  message: "Looking for 40 seats from May.",
  source: "api",
  status: "new",
  disqualify_reason: null,
  converted_contact_id: null,
  converted_company_id: null,
  converted_deal_id: null,
  owner_id: "0190f3a2-1111-7222-8333-444455556666",
  created_at: "2026-03-05T11:00:00.000Z",
  updated_at: "2026-03-05T11:00:00.000Z",
  version: 1,
};

const resource = {
  type: "lead",
  path: "/leads",
  tag: "Leads",
  one: "lead",
  many: "leads",
  schema: Lead,
  create: LeadCreate,
  listQuery: ListQuery,
  list: (q, auth, query) =>
    listPage(
      leadListQuery(q, auth, { ...listFilters(query), status: query.status }).selectAll("leads"),
      "leads",
      SORTS,
      query,
    ),
  read: findLead,
  insert: (auth, body) => createLead(auth, { ...body, owner_id: ownerOr(auth, body.owner_id) }, "api"),
  change: (auth, id, fields, version) =>
    updateLead(auth, id, { ...fields, owner_id: fields.owner_id ?? null }, version),
  example: {
    item: EXAMPLE,
    create: { name: "Sam Lee", email: "sam@globex.com", company_name: "Globex", message: "Looking for 40 seats." },
    update: { phone: "+1 555 0142" },
  },
} satisfies RecordResource<typeof LeadCreate, typeof ListQuery>;

const ConvertBody = z.strictObject({
  deal_title: requiredText(200),
  value_minor: minorUnits().default(0).describe("The deal's value in minor units of the org's currency"),
}).meta({ id: "LeadConversion" });

export const leadOps = {
  ...recordOperations(resource),
  qualify: recordVerb(resource, {
    name: "qualify",
    operationId: "qualifyLead",
    summary: "Qualify a lead",
    description: "From new (or disqualified) to qualified.",
    errors: ["conflict"],
    example: { response: { ...EXAMPLE, status: "qualified", version: 2 } },
    act: (auth, id) => qualifyLead(auth, id),
  }),
  disqualify: recordVerb(resource, {
    name: "disqualify",
    operationId: "disqualifyLead",
    summary: "Disqualify a lead",
    description: "From new or qualified to disqualified, with the reason.",
    body: z.strictObject({ reason: requiredText(500) }).meta({ id: "LeadDisqualification" }),
    errors: ["conflict", "validation-failed"],
    example: {
      request: { reason: "No budget this year" },
      response: { ...EXAMPLE, status: "disqualified", disqualify_reason: "No budget this year", version: 2 },
    },
    act: (auth, id, body) => disqualifyLead(auth, id, body.reason),
  }),
  convert: recordVerb(resource, {
    name: "convert",
    operationId: "convertLead",
    summary: "Convert a lead",
    description: "In one step: the lead's person becomes a contact and its company a company (existing ones, " +
      "found by email and domain, are reused) and a deal opens in the first stage of the first pipeline. " +
      "The lead answers with the ids of all three.",
    body: ConvertBody,
    errors: ["conflict", "validation-failed", "plan-limit"],
    example: {
      request: { deal_title: "Globex: 40 seats", value_minor: 1200000 },
      response: {
        ...EXAMPLE,
        status: "converted",
        converted_contact_id: "0190f3a2-8d2f-7c4b-8e5f-3a7b9d1c2e3f",
        converted_company_id: "0190f3a2-7c1e-7b3a-9d4e-2f6a8c0b1d2e",
        converted_deal_id: "0190f3a2-af41-7e6d-a071-5c9d1f3e4a51",
        version: 3,
      },
    },
    act: (auth, id, body) => convertLead(auth, id, { deal_title: body.deal_title, value: body.value_minor }),
  }),
};
