/**
 * The deterministic generator: one organisation's users, pipelines, companies, contacts, deals,
 * leads, activities and deal history, as batches of rows in foreign-key order. The same plan
 * (seed, slug, counts, `now`) always yields the same rows, ids included; each table draws from
 * its own seeded stream, so changing one count does not reshuffle the other tables. Each table's
 * rows are planned in planners/.
 */
import { type Batch, batch, type SeedTable } from "./batches.ts";
import { planActivities } from "./planners/activities.ts";
import { planCompanies } from "./planners/companies.ts";
import { planContacts } from "./planners/contacts.ts";
import { iso, type OrgContext } from "./planners/context.ts";
import { planDeals } from "./planners/deals.ts";
import { planLeads } from "./planners/leads.ts";
import { planMembers } from "./planners/members.ts";
import { planPipelines } from "./planners/pipelines.ts";
import { DAY, Random } from "./random.ts";
import { PIPELINES } from "./vocabulary.ts";

export interface OrgCounts {
  /** Members besides the owner: about one in six is an ADMIN, the rest MEMBERs (sales reps). */
  members: number;
  companies: number;
  contacts: number;
  leads: number;
  deals: number;
  /** Calls, emails, meetings, notes and tasks (about a fifth are tasks). */
  activities: number;
}

export interface OrgPlan {
  seed: number;
  /** Part of every stream's seed, with `seed`: orgs with other slugs get other data. */
  slug: string;
  name?: string;
  /** Defaults to `owner@<slug>.nexacrm.test`. */
  owner?: { email: string; name: string };
  counts: OrgCounts;
  /** Data spans the two years before this moment (ms since epoch). */
  now: number;
  /** One hash for every seeded user (hashing per user would dominate a big run). */
  passwordHash: string;
  currency?: string;
}

const YEARS = 2;
const TABLE_STREAM: Record<SeedTable, number> = {
  users: 1,
  orgs: 2,
  memberships: 3,
  pipelines: 4,
  stages: 5,
  companies: 6,
  contacts: 7,
  deals: 8,
  leads: 9,
  activities: 10,
  record_events: 11,
};

/** FNV-1a: a stable 32-bit number for a slug. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface GeneratedOrg {
  id: string;
  slug: string;
  name: string;
  ownerEmail: string;
  /** Rows per table, known before generation except record_events (about three per deal). */
  expectedRows: number;
  batches(): Generator<Batch>;
}

export function planOrg(plan: OrgPlan): GeneratedOrg {
  const rnd = new Random();
  const now = plan.now;
  const start = now - YEARS * 365 * DAY;
  const c = plan.counts;
  const slugHash = hash(plan.slug);
  rnd.reseed(plan.seed, slugHash, TABLE_STREAM.orgs);
  const orgId = rnd.uuidV7(start - 30 * DAY);
  const name = plan.name ?? rnd.faker.company.name();
  const ownerEmail = plan.owner?.email ?? `owner@${plan.slug}.nexacrm.test`;
  const expectedRows = 2 + c.members * 2 + PIPELINES.length +
    PIPELINES.reduce((n, p) => n + p.stages.length, 0) + c.companies + c.contacts + c.leads + c.deals * 4 +
    c.activities;

  function* batches(): Generator<Batch> {
    const ctx: OrgContext = {
      rnd,
      orgId,
      slug: plan.slug,
      currency: plan.currency ?? "USD",
      created: start - 30 * DAY,
      start,
      now,
      stream: (table: SeedTable) => rnd.reseed(plan.seed, slugHash, TABLE_STREAM[table]),
    };
    yield batch("orgs", [[orgId, name, plan.slug, ctx.currency, iso(ctx.created)]]);
    const reps = yield* planMembers(ctx, c.members, { email: ownerEmail, name: plan.owner?.name }, plan.passwordHash);
    const staffed = { ...ctx, rep: () => rnd.pick(reps) };
    const pipelines = yield* planPipelines(ctx);
    const companies = yield* planCompanies(staffed, c.companies);
    const contacts = yield* planContacts(staffed, c.contacts, companies);
    const deals = yield* planDeals(staffed, c.deals, { pipelines, companies, contacts });
    const leads = yield* planLeads(staffed, c.leads, deals);
    yield* planActivities(staffed, c.activities, { deals, contacts, companies, leads });
  }

  return { id: orgId, slug: plan.slug, name, ownerEmail, expectedRows, batches };
}
