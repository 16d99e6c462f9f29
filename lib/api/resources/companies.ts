/** Companies in the API: the representation, its list filters, and the lib functions behind each operation. */
import * as z from "zod";
import { COMPANY_SORTS, companyListQuery, createCompany, findCompany, updateCompany } from "../../records/companies.ts";
import { newOwner, nullableDomain, nullableText, recordHead, recordTail, requiredText } from "../fields.ts";
import { listFilters, listPage, listQuery, ownerFilter, ownerOr, searchFilter, updatedSort } from "../lists.ts";
import { recordOperations } from "../records.ts";

const SORTS = { ...COMPANY_SORTS, updated: updatedSort("companies") };

export const Company = z.object({
  ...recordHead("company"),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  ...recordTail(),
}).meta({ id: "Company" });

const CompanyCreate = z.strictObject({
  name: requiredText(200),
  domain: nullableDomain(),
  industry: nullableText(100),
  phone: nullableText(50),
  city: nullableText(100),
  owner_id: newOwner(),
});

const COLUMNS = [
  ...["companies.id", "companies.name", "companies.domain", "companies.industry", "companies.phone"],
  ...["companies.city", "companies.owner_id", "companies.created_at", "companies.updated_at", "companies.version"],
] as const;

const ListQuery = listQuery(["name", "name_desc", "newest", "oldest", "updated"], { ...ownerFilter, ...searchFilter });

const EXAMPLE = {
  id: "0190f3a2-7c1e-7b3a-9d4e-2f6a8c0b1d2e",
  object: "company",
  name: "Acme Corp",
  domain: "acme.com",
  industry: "Manufacturing",
  phone: "+1 555 0100",
  city: "Springfield",
  owner_id: "0190f3a2-1111-7222-8333-444455556666",
  created_at: "2026-03-02T09:30:00.000Z",
  updated_at: "2026-03-04T14:05:12.000Z",
  version: 2,
};

export const companyOps = recordOperations({
  type: "company",
  path: "/companies",
  tag: "Companies",
  one: "company",
  many: "companies",
  schema: Company,
  create: CompanyCreate,
  listQuery: ListQuery,
  list: (q, auth, query) =>
    listPage(companyListQuery(q, auth, listFilters(query)).select(COLUMNS), "companies", SORTS, query),
  read: findCompany,
  insert: (auth, body) => createCompany(auth, { ...body, owner_id: ownerOr(auth, body.owner_id) }),
  change: (auth, id, fields, version) =>
    updateCompany(auth, id, { ...fields, owner_id: fields.owner_id ?? null }, version),
  example: {
    item: EXAMPLE,
    create: { name: "Acme Corp", domain: "https://www.acme.com", city: "Springfield" },
    update: { phone: "+1 555 0199" },
  },
});
