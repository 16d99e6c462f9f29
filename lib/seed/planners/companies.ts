/** Companies, more of them in recent months (a growing business). */
import { type Batch, batched } from "../batches.ts";
import { INDUSTRIES } from "../vocabulary.ts";
import { ascii, iso, type Parent, type StaffedOrg } from "./context.ts";

export type PlannedCompany = Parent & { name: string; domain: string };

export function* planCompanies(ctx: StaffedOrg, count: number): Generator<Batch, PlannedCompany[]> {
  const { rnd, orgId, start, now } = ctx;
  ctx.stream("companies");
  const companies: PlannedCompany[] = [];
  yield* batched("companies", count, (i) => {
    const created = rnd.moment(start, now, 1.4);
    const name = rnd.faker.company.name();
    const domain = `${ascii(name).slice(0, 30)}${i % 7 === 0 ? i : ""}.example`;
    const company = { id: rnd.uuidV7(created), from: created, to: now, owner: ctx.rep(), name, domain };
    companies.push(company);
    return [
      company.id,
      orgId,
      company.owner,
      name,
      domain,
      rnd.pick(INDUSTRIES),
      rnd.chance(0.7) ? rnd.faker.phone.number({ style: "national" }) : null,
      rnd.faker.location.city(),
      iso(created),
      iso(rnd.moment(created, now)),
    ];
  });
  return companies;
}
