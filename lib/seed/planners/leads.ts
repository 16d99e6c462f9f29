/** Leads: recent ones are new; older ones were qualified, disqualified or converted (into a deal). */
import { type Batch, batched } from "../batches.ts";
import { DAY } from "../random.ts";
import { DISQUALIFY_REASONS, LEAD_MESSAGES } from "../vocabulary.ts";
import { ascii, iso, type Parent, type StaffedOrg } from "./context.ts";
import type { PlannedDeal } from "./deals.ts";

export function* planLeads(ctx: StaffedOrg, count: number, deals: PlannedDeal[]): Generator<Batch, Parent[]> {
  const { rnd, orgId, start, now } = ctx;
  ctx.stream("leads");
  const leads: Parent[] = [];
  yield* batched("leads", count, () => {
    const created = rnd.moment(start, now, 1.5);
    const first = rnd.faker.person.firstName();
    const last = rnd.faker.person.lastName();
    const companyName = rnd.chance(0.8) ? rnd.faker.company.name() : null;
    const status = now - created < 14 * DAY
      ? rnd.weighted([["new", 8], ["qualified", 2]] as const)
      : rnd.weighted([["new", 1], ["qualified", 2], ["disqualified", 3], ["converted", 2]] as const);
    const deal = status === "converted" && deals.length ? deals[rnd.int(deals.length)] : undefined;
    const owner = rnd.chance(0.85) ? ctx.rep() : null;
    const id = rnd.uuidV7(created);
    leads.push({ id, from: created, to: now, owner });
    return [
      id,
      orgId,
      owner,
      `${first} ${last}`,
      `${ascii(first)}.${ascii(last)}@${companyName ? ascii(companyName).slice(0, 30) : "mail"}.example`,
      rnd.chance(0.5) ? rnd.faker.phone.number({ style: "national" }) : null,
      companyName,
      rnd.chance(0.6) ? rnd.pick(LEAD_MESSAGES).replace("{n}", String(5 + rnd.int(200))) : null,
      rnd.weighted([["web_form", 50], ["manual", 20], ["api", 15], ["import", 15]] as const),
      status,
      status === "disqualified" ? rnd.pick(DISQUALIFY_REASONS) : null,
      deal?.contact ?? null,
      deal?.company ?? null,
      deal?.id ?? null,
      iso(created),
      iso(status === "new" ? created : rnd.moment(created, Math.min(now, created + 30 * DAY))),
    ];
  });
  return leads;
}
