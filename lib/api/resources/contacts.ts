/** Contacts in the API: the representation, its list filters, and the lib functions behind each operation. */
import * as z from "zod";
import { CONTACT_SORTS, contactListQuery, createContact, findContact, updateContact } from "../../records/contacts.ts";
import { newOwner, nullableEmail, nullableText, recordHead, recordTail, requiredText } from "../fields.ts";
import { listFilters, listPage, listQuery, ownerFilter, ownerOr, searchFilter, updatedSort } from "../lists.ts";
import { recordOperations } from "../records.ts";

const SORTS = { ...CONTACT_SORTS, updated: updatedSort("contacts") };

export const Contact = z.object({
  ...recordHead("contact"),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company_id: z.uuid().nullable(),
  company_name: z.string().nullable().describe("The company's name (read only: set `company_id`)"),
  ...recordTail(),
}).meta({ id: "Contact" });

const ContactCreate = z.strictObject({
  first_name: requiredText(100),
  last_name: nullableText(100).transform((v) => v ?? ""),
  email: nullableEmail(),
  phone: nullableText(50),
  title: nullableText(100),
  company_id: z.uuid().nullable().optional().describe("A company's id; null for none"),
  owner_id: newOwner(),
});

const ListQuery = listQuery(["name", "name_desc", "newest", "oldest", "updated"], { ...ownerFilter, ...searchFilter });

export const contactOps = recordOperations({
  type: "contact",
  path: "/contacts",
  tag: "Contacts",
  one: "contact",
  many: "contacts",
  schema: Contact,
  create: ContactCreate,
  listQuery: ListQuery,
  list: (q, auth, query) =>
    listPage(
      contactListQuery(q, auth, listFilters(query))
        .leftJoin("companies", (j) =>
          j.onRef("companies.id", "=", "contacts.company_id").on("companies.org_id", "=", q.orgId))
        .selectAll("contacts").select("companies.name as company_name"),
      "contacts",
      SORTS,
      query,
    ),
  read: findContact,
  insert: (auth, body) =>
    createContact(auth, {
      ...body,
      company_name: null,
      company_id: body.company_id ?? null,
      owner_id: ownerOr(auth, body.owner_id),
    }),
  change: (auth, id, fields, version) =>
    updateContact(auth, id, {
      ...fields,
      company_name: null,
      company_id: fields.company_id ?? null,
      owner_id: fields.owner_id ?? null,
    }, version),
  example: {
    item: {
      id: "0190f3a2-8d2f-7c4b-8e5f-3a7b9d1c2e3f",
      object: "contact",
      first_name: "Jane",
      last_name: "Doe",
      email: "jane@acme.com",
      phone: "+1 555 0101",
      title: "Head of Procurement",
      company_id: "0190f3a2-7c1e-7b3a-9d4e-2f6a8c0b1d2e",
      company_name: "Acme Corp",
      owner_id: "0190f3a2-1111-7222-8333-444455556666",
      created_at: "2026-03-02T09:31:00.000Z",
      updated_at: "2026-03-02T09:31:00.000Z",
      version: 1,
    },
    create: {
      first_name: "Jane",
      last_name: "Doe",
      email: "jane@acme.com",
      company_id: "0190f3a2-7c1e-7b3a-9d4e-2f6a8c0b1d2e",
    },
    update: { title: "VP Procurement" },
  },
});
