/** Contacts, most of them at a company (and then mostly owned by the company's owner). */
import { type Batch, batched } from "../batches.ts";
import { ascii, iso, type Parent, type StaffedOrg } from "./context.ts";
import type { PlannedCompany } from "./companies.ts";

export type PlannedContact = Parent & { companyIndex: number; email: string };

export function* planContacts(
  ctx: StaffedOrg,
  count: number,
  companies: PlannedCompany[],
): Generator<Batch, PlannedContact[]> {
  const { rnd, orgId, start, now } = ctx;
  ctx.stream("contacts");
  const contacts: PlannedContact[] = [];
  yield* batched("contacts", count, (i) => {
    const companyIndex = companies.length && rnd.chance(0.85) ? rnd.int(companies.length) : -1;
    const company = companies[companyIndex];
    const created = company ? rnd.moment(company.from, now, 1.2) : rnd.moment(start, now, 1.4);
    const first = rnd.faker.person.firstName();
    const last = rnd.faker.person.lastName();
    const email = `${ascii(first)}.${ascii(last)}${i % 5 === 0 ? i : ""}@${company?.domain ?? "mail.example"}`;
    const contact = {
      id: rnd.uuidV7(created),
      from: created,
      to: now,
      owner: company && rnd.chance(0.7) ? company.owner : ctx.rep(),
      companyIndex,
      email,
    };
    contacts.push(contact);
    return [
      contact.id,
      orgId,
      contact.owner,
      company?.id ?? null,
      first,
      last,
      email,
      rnd.chance(0.6) ? rnd.faker.phone.number({ style: "national" }) : null,
      rnd.chance(0.8) ? rnd.faker.person.jobTitle() : null,
      iso(created),
      iso(rnd.moment(created, now)),
    ];
  });
  return contacts;
}
