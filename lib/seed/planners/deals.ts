/**
 * Deals: a business that grows over the two years; old deals are closed, recent ones open, and a
 * few stall open for months. Each deal's history (created, stage changes, closed) goes to
 * record_events alongside.
 */
import { type Batch, batched, type Row } from "../batches.ts";
import { DAY } from "../random.ts";
import { DEAL_KINDS, LOST_REASONS } from "../vocabulary.ts";
import type { PlannedCompany } from "./companies.ts";
import type { PlannedContact } from "./contacts.ts";
import { day, iso, type Parent, type StaffedOrg } from "./context.ts";
import type { PlannedPipeline } from "./pipelines.ts";

export type PlannedDeal = Parent & { contact: string | null; company: string | null };

export function* planDeals(
  ctx: StaffedOrg,
  count: number,
  { pipelines, companies, contacts }: {
    pipelines: PlannedPipeline[];
    companies: PlannedCompany[];
    contacts: PlannedContact[];
  },
): Generator<Batch, PlannedDeal[]> {
  const { rnd, orgId, start, now, currency } = ctx;
  ctx.stream("deals");
  const deals: PlannedDeal[] = [];
  const positions = new Map<string, number>();
  const events: Row[] = [];
  const event = (at: number, actor: string | null, dealId: string, kind: string, detail: object) =>
    events.push([rnd.uuidV7(at), orgId, actor, "deal", dealId, kind, JSON.stringify(detail), iso(at)]);
  yield* batched("deals", count, () => {
    const pipeline = pipelines.length > 1 && rnd.chance(pipelines[1].share) ? pipelines[1] : pipelines[0];
    const k = pipeline.stages.length;
    const contactIndex = contacts.length && rnd.chance(0.9) ? rnd.int(contacts.length) : -1;
    const contact = contacts[contactIndex];
    const company = contact ? companies[contact.companyIndex] : companies.length ? rnd.pick(companies) : undefined;
    const created = Math.max(rnd.moment(start, now, 1.6), contact?.from ?? 0, company?.from ?? 0);
    const cycle = Math.min(365, Math.max(5, rnd.logNormal(40, 0.6))) * DAY;
    const closes = created + cycle;
    const closed = closes < now && !rnd.chance(0.08);
    const won = closed && rnd.chance(pipeline.name === "Renewals" ? 0.8 : 0.32);
    const stage = won
      ? k - 1
      : closed
      ? Math.min(k - 1, Math.floor(rnd.float() * rnd.float() * k))
      : closes < now
      ? rnd.int(k)
      : Math.min(k - 1, Math.floor(((now - created) / cycle) * k));
    const until = closed ? closes : now;
    const entered = stage === 0 ? created : rnd.moment(created + (until - created) * stage / (k + 1), until);
    const closedAt = closed ? rnd.workHours(closes) : null;
    const owner = company && rnd.chance(0.6) ? company.owner : ctx.rep();
    const id = rnd.uuidV7(created);
    const stageId = pipeline.stageIds[stage];
    const position = (positions.get(stageId) ?? 0) + 1;
    positions.set(stageId, position);
    const who = company?.name ?? (contact ? contact.email.split("@")[0] : "New business");
    const title = `${who} – ${rnd.pick(DEAL_KINDS)}`;
    const value = Math.max(5, Math.round(rnd.logNormal(pipeline.medianValue, 0.9) / 100)) * 100;
    const status = won ? "won" : closed ? "lost" : "open";
    const lostReason = status === "lost" ? rnd.pick(LOST_REASONS) : null;
    deals.push({
      id,
      from: created,
      to: closedAt ?? now,
      owner,
      contact: contact?.id ?? null,
      company: company?.id ?? null,
    });
    event(created, owner, id, "created", { title, stage: pipeline.stages[0].name });
    for (let s = 1; s <= stage; s++) {
      const at = s === stage ? entered : created + (entered - created) * s / (stage + 1);
      const from = { id: pipeline.stageIds[s - 1], name: pipeline.stages[s - 1].name };
      const to = { id: pipeline.stageIds[s], name: pipeline.stages[s].name };
      event(at, owner, id, "stage_changed", { from: from.name, to: to.name, from_id: from.id, to_id: to.id });
    }
    if (closedAt !== null) event(closedAt, owner, id, status, lostReason ? { reason: lostReason } : {});
    return [
      id,
      orgId,
      owner,
      pipeline.id,
      stageId,
      company?.id ?? null,
      contact?.id ?? null,
      title,
      value * 100,
      currency,
      day(closes),
      position,
      iso(entered),
      status,
      lostReason,
      closedAt === null ? null : iso(closedAt),
      iso(created),
      iso(closedAt ?? entered),
    ];
  }, { table: "record_events", rows: events });
  return deals;
}
