/**
 * The deterministic generator: one organisation's users, pipelines, companies, contacts, deals,
 * leads, activities and deal history, as batches of rows in foreign-key order. The same plan
 * (seed, slug, counts, `now`) always yields the same rows, ids included; each table draws from
 * its own seeded stream, so changing one count does not reshuffle the other tables.
 */
import { DAY, Random } from "./random.ts";
import {
  ACTIVITY_TYPES,
  BODIES,
  DEAL_KINDS,
  DISQUALIFY_REASONS,
  INDUSTRIES,
  LEAD_MESSAGES,
  LOST_REASONS,
  PIPELINES,
  SUBJECTS,
  TEAMS,
} from "./vocabulary.ts";

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

export const COLUMNS = {
  users: ["id", "email", "name", "password_hash", "email_verified_at", "created_at"],
  orgs: ["id", "name", "slug", "currency", "created_at"],
  memberships: ["org_id", "user_id", "role", "team", "created_at"],
  pipelines: ["id", "org_id", "name", "position", "created_at"],
  stages: ["id", "org_id", "pipeline_id", "name", "position", "probability", "created_at"],
  companies: ["id", "org_id", "owner_id", "name", "domain", "industry", "phone", "city", "created_at", "updated_at"],
  contacts: [
    ...["id", "org_id", "owner_id", "company_id", "first_name", "last_name", "email", "phone", "title"],
    ...["created_at", "updated_at"],
  ],
  deals: [
    ...["id", "org_id", "owner_id", "pipeline_id", "stage_id", "company_id", "contact_id", "title", "value_minor"],
    ...["currency", "expected_close_date", "position", "stage_entered_at", "status", "lost_reason", "closed_at"],
    ...["created_at", "updated_at"],
  ],
  leads: [
    ...["id", "org_id", "owner_id", "name", "email", "phone", "company_name", "message", "source", "status"],
    ...["disqualify_reason", "converted_contact_id", "converted_company_id", "converted_deal_id"],
    ...["created_at", "updated_at"],
  ],
  activities: [
    ...["id", "org_id", "owner_id", "created_by", "type", "subject", "body", "record_type", "record_id"],
    ...["due_at", "done_at", "created_at", "updated_at"],
  ],
  record_events: ["id", "org_id", "actor_id", "record_type", "record_id", "kind", "detail", "created_at"],
} as const;

export type SeedTable = keyof typeof COLUMNS;
export type Row = (string | number | null)[];

export interface Batch {
  table: SeedTable;
  columns: readonly string[];
  rows: Row[];
}

export const BATCH_ROWS = 5000;
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

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const ascii = (s: string) => s.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "");

/** A record some activity can be attached to: when it lived and who owns it. */
interface Parent {
  id: string;
  from: number;
  to: number;
  owner: string | null;
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
    const stream = (table: SeedTable) => rnd.reseed(plan.seed, slugHash, TABLE_STREAM[table]);
    const currency = plan.currency ?? "USD";
    const orgCreated = start - 30 * DAY;
    yield { table: "orgs", columns: COLUMNS.orgs, rows: [[orgId, name, plan.slug, currency, iso(orgCreated)]] };

    // Members: the owner, admins, and reps in teams; reps own most records.
    stream("users");
    const users: Row[] = [];
    const memberships: Row[] = [];
    const reps: string[] = [];
    const admins = Math.max(c.members > 0 ? 1 : 0, Math.round(c.members / 6));
    for (let i = 0; i <= c.members; i++) {
      const joined = i === 0 ? orgCreated : rnd.moment(orgCreated, now - 30 * DAY);
      const id = rnd.uuidV7(joined);
      const first = rnd.faker.person.firstName();
      const last = rnd.faker.person.lastName();
      const role = i === 0 ? "OWNER" : i <= admins ? "ADMIN" : "MEMBER";
      const email = i === 0 ? ownerEmail : `${role === "ADMIN" ? "admin" : "rep"}${i}@${plan.slug}.nexacrm.test`;
      const fullName = i === 0 && plan.owner ? plan.owner.name : `${first} ${last}`;
      users.push([id, email, fullName, plan.passwordHash, iso(joined), iso(joined)]);
      memberships.push([orgId, id, role, role === "MEMBER" ? TEAMS[i % TEAMS.length] : null, iso(joined)]);
      // A named owner (the demo login) also sells, so their "my day" has something in it.
      if (role === "MEMBER" || c.members < 3 || (i === 0 && plan.owner)) reps.push(id);
    }
    yield { table: "users", columns: COLUMNS.users, rows: users };
    yield { table: "memberships", columns: COLUMNS.memberships, rows: memberships };
    const rep = () => rnd.pick(reps);

    stream("pipelines");
    const pipelines = PIPELINES.map((p, position) => ({
      ...p,
      id: rnd.uuidV7(orgCreated + position),
      position,
      stageIds: p.stages.map((_, i) => rnd.uuidV7(orgCreated + 100 + position * 10 + i)),
    }));
    yield {
      table: "pipelines",
      columns: COLUMNS.pipelines,
      rows: pipelines.map((p) => [p.id, orgId, p.name, p.position, iso(orgCreated)]),
    };
    yield {
      table: "stages",
      columns: COLUMNS.stages,
      rows: pipelines.flatMap((p) =>
        p.stages.map((s, i) => [p.stageIds[i], orgId, p.id, s.name, i, s.probability, iso(orgCreated)])
      ),
    };

    // Companies.
    stream("companies");
    const companies: (Parent & { name: string; domain: string })[] = [];
    let rows: Row[] = [];
    for (let i = 0; i < c.companies; i++) {
      const created = rnd.moment(start, now, 1.4);
      const name = rnd.faker.company.name();
      const domain = `${ascii(name).slice(0, 30)}${i % 7 === 0 ? i : ""}.example`;
      const company = { id: rnd.uuidV7(created), from: created, to: now, owner: rep(), name, domain };
      companies.push(company);
      rows.push([
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
      ]);
      if (rows.length === BATCH_ROWS) yield { table: "companies", columns: COLUMNS.companies, rows: rows.splice(0) };
    }
    if (rows.length) yield { table: "companies", columns: COLUMNS.companies, rows };

    // Contacts, most of them at a company.
    stream("contacts");
    const contacts: (Parent & { companyIndex: number; email: string })[] = [];
    rows = [];
    for (let i = 0; i < c.contacts; i++) {
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
        owner: company && rnd.chance(0.7) ? company.owner : rep(),
        companyIndex,
        email,
      };
      contacts.push(contact);
      rows.push([
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
      ]);
      if (rows.length === BATCH_ROWS) yield { table: "contacts", columns: COLUMNS.contacts, rows: rows.splice(0) };
    }
    if (rows.length) yield { table: "contacts", columns: COLUMNS.contacts, rows };

    // Deals: a business that grows over the two years; old deals are closed, recent ones open,
    // and a few stall open for months. Each deal's history goes to record_events alongside.
    stream("deals");
    const deals: (Parent & { contact: string | null; company: string | null })[] = [];
    const positions = new Map<string, number>();
    const events: Row[] = [];
    const event = (at: number, actor: string | null, dealId: string, kind: string, detail: object) =>
      events.push([rnd.uuidV7(at), orgId, actor, "deal", dealId, kind, JSON.stringify(detail), iso(at)]);
    rows = [];
    for (let i = 0; i < c.deals; i++) {
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
      const owner = company && rnd.chance(0.6) ? company.owner : rep();
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
      rows.push([
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
      ]);
      event(created, owner, id, "created", { title, stage: pipeline.stages[0].name });
      for (let s = 1; s <= stage; s++) {
        const at = s === stage ? entered : created + (entered - created) * s / (stage + 1);
        const from = { id: pipeline.stageIds[s - 1], name: pipeline.stages[s - 1].name };
        const to = { id: pipeline.stageIds[s], name: pipeline.stages[s].name };
        event(at, owner, id, "stage_changed", { from: from.name, to: to.name, from_id: from.id, to_id: to.id });
      }
      if (closedAt !== null) event(closedAt, owner, id, status, lostReason ? { reason: lostReason } : {});
      if (rows.length === BATCH_ROWS) {
        yield { table: "deals", columns: COLUMNS.deals, rows: rows.splice(0) };
        yield { table: "record_events", columns: COLUMNS.record_events, rows: events.splice(0) };
      }
    }
    if (rows.length) yield { table: "deals", columns: COLUMNS.deals, rows };
    if (events.length) yield { table: "record_events", columns: COLUMNS.record_events, rows: events };

    // Leads: recent ones are new; older ones were qualified, disqualified or converted.
    stream("leads");
    const leads: Parent[] = [];
    rows = [];
    for (let i = 0; i < c.leads; i++) {
      const created = rnd.moment(start, now, 1.5);
      const first = rnd.faker.person.firstName();
      const last = rnd.faker.person.lastName();
      const companyName = rnd.chance(0.8) ? rnd.faker.company.name() : null;
      const status = now - created < 14 * DAY
        ? rnd.weighted([["new", 8], ["qualified", 2]] as const)
        : rnd.weighted([["new", 1], ["qualified", 2], ["disqualified", 3], ["converted", 2]] as const);
      const deal = status === "converted" && deals.length ? deals[rnd.int(deals.length)] : undefined;
      const owner = rnd.chance(0.85) ? rep() : null;
      const id = rnd.uuidV7(created);
      leads.push({ id, from: created, to: now, owner });
      rows.push([
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
      ]);
      if (rows.length === BATCH_ROWS) yield { table: "leads", columns: COLUMNS.leads, rows: rows.splice(0) };
    }
    if (rows.length) yield { table: "leads", columns: COLUMNS.leads, rows };

    // Activities on those records over their lifetime; tasks due in the future stay open,
    // and a few past ones are overdue.
    stream("activities");
    const parents = [
      ["deal", deals, 55],
      ["contact", contacts, 25],
      ["company", companies, 10],
      ["lead", leads, 10],
    ] as const;
    const kinds = parents.filter(([, list]) => list.length).map(([type, list, w]) => [[type, list], w] as const);
    rows = [];
    for (let i = 0; kinds.length && i < c.activities; i++) {
      const [recordType, list] = rnd.weighted(kinds);
      const parent = list[rnd.int(list.length)];
      const type = rnd.weighted(ACTIVITY_TYPES);
      const created = rnd.moment(parent.from, parent.to);
      const owner = parent.owner ?? rep();
      let due: number | null = null;
      let done: number | null = created;
      if (type === "task" || type === "meeting") {
        due = rnd.workHours(created + (1 + rnd.int(14)) * DAY);
        done = due < now && rnd.chance(type === "task" ? 0.9 : 1) ? due : null;
      }
      rows.push([
        rnd.uuidV7(created),
        orgId,
        owner,
        rnd.chance(0.9) ? owner : rep(),
        type,
        rnd.pick(SUBJECTS[type]),
        type === "note" || type === "meeting" ? rnd.pick(BODIES) : "",
        recordType,
        parent.id,
        due === null ? null : iso(due),
        done === null ? null : iso(done),
        iso(created),
        iso(done ?? created),
      ]);
      if (rows.length === BATCH_ROWS) yield { table: "activities", columns: COLUMNS.activities, rows: rows.splice(0) };
    }
    if (rows.length) yield { table: "activities", columns: COLUMNS.activities, rows };
  }

  return { id: orgId, slug: plan.slug, name, ownerEmail, expectedRows, batches };
}
