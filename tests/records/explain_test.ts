/**
 * Every list and search query uses an index. ORGS orgs of the same size are seeded through the
 * seed generator, so that the org under test is a small share of each table as in production
 * (with a single org, `org_id = …` matches every row and a sequential scan is the planner's right
 * answer), with some records in the trash and attachments on some, then analysed. Each list,
 * search and record page then runs through the lib functions its route calls, with the query
 * string the route parses, as a rep who sees every record and as one who sees only their team's.
 * The queries they execute are captured (a Kysely plugin on the app's database) and EXPLAINed
 * with their parameters in the same tenant and user context: no plan may scan a tenant table
 * sequentially, except the small lookup tables of SMALL_TABLES. `EXPLAIN_PRINT=1` prints every
 * query with its plan. */
import assert from "node:assert/strict";
import { CompiledQuery, sql } from "kysely";
import { type Database, openDatabase } from "@/db/client.ts";
import { QueryLog } from "@/db/query_log.ts";
import { type RecordType, TENANT_TABLES } from "@/db/schema.ts";
import type { Operation } from "@/lib/api/operation.ts";
import { activityOps, taskOps } from "@/lib/api/resources/activities.ts";
import { companyOps } from "@/lib/api/resources/companies.ts";
import { contactOps } from "@/lib/api/resources/contacts.ts";
import { dealOps } from "@/lib/api/resources/deals.ts";
import { leadOps } from "@/lib/api/resources/leads.ts";
import { type AuthContext, resolveMembership } from "@/lib/auth/guard.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { type CustomerKind, listCustomers } from "@/lib/customers/customers.ts";
import { columnPage, loadBoard } from "@/lib/deals/board.ts";
import { dealPage } from "@/lib/deals/deals.ts";
import { type DealListParams, dealListParams, listDeals } from "@/lib/deals/list.ts";
import { dealFilters } from "@/lib/deals/schemas.ts";
import { myDay } from "@/lib/home/my_day.ts";
import { reportFilters } from "@/lib/reports/filters.ts";
import { metrics } from "@/lib/reports/metrics.ts";
import { loadReport } from "@/lib/reports/report.ts";
import { listPipelines } from "@/lib/pipelines/pipelines.ts";
import { COMPANY_SORTS, companyPage, listCompanies } from "@/lib/records/companies.ts";
import { CONTACT_SORTS, contactPage, listContacts } from "@/lib/records/contacts.ts";
import { LEAD_SORTS, leadFilter, leadPage, listLeads } from "@/lib/records/leads.ts";
import { listParams, type Page } from "@/lib/records/list.ts";
import { orgMembers, withMembers } from "@/lib/records/members.ts";
import { inOrg, RECORDS } from "@/lib/records/records.ts";
import { listTasks, taskParams } from "@/lib/records/tasks.ts";
import { recentlyDeleted } from "@/lib/records/trash.ts";
import { searchAll } from "@/lib/search/search.ts";
import { type Batch, COLUMNS, type SeedTable } from "@/lib/seed/batches.ts";
import { type GeneratedOrg, planOrg } from "@/lib/seed/generate.ts";
import { loadOrg } from "@/lib/seed/seed.ts";
import { DERIVED_TABLES, openTarget } from "@/lib/seed/targets.ts";
import { setServices } from "@/lib/data/services.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { testDatabase } from "../helpers/db.ts";

/** Per org; ORGS orgs of this size, so the org under test is 1/ORGS of every table. */
const COUNTS = { members: 8, companies: 800, contacts: 1500, leads: 800, deals: 1500, activities: 5000 };
const ORGS = 8;
const DAY = 86_400_000;
const TODAY = new Date(new Date().toISOString().slice(0, 10)).getTime();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Tenant tables the planner may scan whole, because they hold a handful of rows per org (and the
 * test checks they stay small): a few pipelines, their stages, the members of an org. Reading
 * their few pages beats an index lookup, and the planner knows it.
 */
const SMALL_TABLES: Record<string, string> = {
  pipelines: "two pipelines per org",
  stages: "a few stages per pipeline",
  memberships: "the members of an org (the team rule of 'own' visibility, the members list)",
};
const SMALL_TABLE_MAX_ROWS = 20;

// ---- seeding -------------------------------------------------------------------------------

/** Tables whose records can be soft-deleted; the generator leaves every record live. */
const TRASHABLE = new Set<SeedTable>(["companies", "contacts", "leads", "deals"]);

/**
 * The generator's org with 1 record in 40 soft-deleted 7, 27 or 47 days ago (so most can still be
 * restored, some no longer), and an attachment on 1 record in 10: the trash lists and record pages
 * read them, and an empty table would not show what the planner does with a real one.
 */
function withTrashAndAttachments(org: GeneratedOrg): GeneratedOrg {
  return {
    ...org,
    *batches() {
      for (const batch of org.batches()) {
        if (!TRASHABLE.has(batch.table)) {
          yield batch;
          continue;
        }
        const deletedAt = (i: number) => i % 40 === 7 ? new Date(TODAY - (i % 60) * DAY).toISOString() : null;
        yield {
          ...batch,
          columns: [...batch.columns, "deleted_at"],
          rows: batch.rows.map((r, i) => [...r, deletedAt(i)]),
        };
        const type = { companies: "company", contacts: "contact", leads: "lead", deals: "deal" }[batch.table as string];
        const created = batch.columns.indexOf("created_at");
        const attachments = batch.rows.filter((_, i) => i % 10 === 3).map((r, i) => [
          crypto.randomUUID(),
          org.id,
          type,
          r[0],
          `file-${i}.pdf`,
          "application/pdf",
          1000 + i,
          `${org.id}/${r[0]}/${i}`,
          r[created],
        ]);
        yield { table: "attachments", columns: ATTACHMENT_COLUMNS, rows: attachments } as unknown as Batch;
      }
    },
  };
}

const ATTACHMENT_COLUMNS = [
  ...["id", "org_id", "record_type", "record_id", "file_name", "content_type", "size_bytes", "storage_key"],
  "created_at",
];

interface Seeded {
  database: Database;
  orgIds: string[];
  cleanup: () => Promise<void>;
}

/** On a server, a new test database loaded with COPY; on PGlite, a data directory loaded, then opened. */
async function seedDatabase(): Promise<Seeded> {
  const server = Deno.env.get("DATABASE_URL") ? await testDatabase() : null;
  const dir = server ? null : await Deno.makeTempDir();
  const removeDir = () => dir ? Deno.remove(dir, { recursive: true }) : Promise.resolve();
  try {
    const target = await openTarget(server ? { databaseUrl: server.url } : { pgliteDir: dir });
    const orgIds: string[] = [];
    try {
      for (let i = 1; i <= ORGS; i++) {
        const org = planOrg({ seed: 4, slug: `explain-${i}`, counts: COUNTS, now: TODAY, passwordHash: "x" });
        await loadOrg(target, withTrashAndAttachments(org), () => {});
        orgIds.push(org.id);
      }
      await target.analyze([...Object.keys(COLUMNS), "attachments", ...DERIVED_TABLES]);
    } finally {
      await target.close();
    }
    if (server) return { database: server, orgIds, cleanup: () => server.close() };
    const database = await openDatabase({ pgliteDir: dir, migrate: true });
    return { database, orgIds, cleanup: () => database.close().finally(removeDir) };
  } catch (err) {
    await server?.close();
    await removeDir();
    throw err;
  }
}

// ---- capturing and explaining --------------------------------------------------------------

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Alias?: string;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

function render(plan: PlanNode, depth = 0): string {
  const on = plan["Relation Name"] ? ` on ${plan["Relation Name"]}` : "";
  const using = plan["Index Name"] ? ` using ${plan["Index Name"]}` : "";
  return [
    `${"  ".repeat(depth)}${plan["Node Type"]}${on}${using}`,
    ...(plan.Plans ?? []).map((p) => render(p, depth + 1)),
  ]
    .join("\n");
}

const TENANT = new Set<string>(TENANT_TABLES);

/** Runs lib code with its queries captured, and EXPLAINs them as the viewer would run them. */
class Explainer {
  constructor(private readonly log: QueryLog) {}

  /**
   * Runs `run`, then EXPLAINs each query it executed in the viewer's tenant and user context:
   * fails on a sequential scan of a tenant table outside SMALL_TABLES, or when the plans leave out
   * one of the indexes of `uses`. Returns what `run` returned.
   */
  check = async <R>(name: string, viewer: AuthContext, run: () => Promise<R>, uses: string[] = []): Promise<R> => {
    const { result, queries: executed } = await this.log.record(run);
    // The tenant's set_config, and the reports' SET LOCAL of work_mem, are no queries to explain.
    const queries = executed.filter((c) => !/set_config\(/.test(c.sql) && !/^\s*set local /i.test(c.sql));
    assert.ok(queries.length, `${name}: no query captured`);
    const failures: string[] = [];
    const used = new Set<string>();
    const plans = await withOrg({ orgId: viewer.org.id, userId: viewer.user.id }, async (q) => {
      const plans: PlanNode[] = [];
      for (const query of queries) {
        const { rows } = await q.trx.executeQuery<{ "QUERY PLAN": unknown }>(
          CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
        );
        const json = rows[0]["QUERY PLAN"];
        plans.push(((typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[])[0].Plan);
      }
      return plans;
    });
    queries.forEach((query, i) => {
      const plan = plans[i];
      if (Deno.env.get("EXPLAIN_PRINT")) console.log(`\n-- ${name}\n${query.sql}\n${render(plan)}`);
      const scanned = [...nodes(plan)].map((n) => n["Node Type"].endsWith("Seq Scan") ? n["Relation Name"] ?? "" : "")
        .filter((table) => TENANT.has(table) && !(table in SMALL_TABLES));
      if (scanned.length) failures.push(`sequential scan of ${scanned.join(", ")} in\n${query.sql}\n${render(plan)}`);
      for (const n of nodes(plan)) if (n["Index Name"]) used.add(n["Index Name"]);
    });
    if (failures.length) assert.fail(`${name}:\n${failures.join("\n\n")}`);
    const unused = uses.filter((i) => !used.has(i));
    if (unused.length) assert.fail(`${name}: the plans do not use ${unused.join(", ")}`);
    return result!;
  };

  /** Follows `next` cursors up to `pages` pages into a list without checking, then checks the page there. */
  deep = async <P extends { after: string | null }>(
    name: string,
    viewer: AuthContext,
    params: P,
    list: (p: P) => Promise<Page<unknown>>,
    pages: number,
  ) => {
    let after: string | null = null;
    for (let i = 0; i < pages; i++) {
      const page: Page<unknown> = await list({ ...params, after });
      if (!page.next) break;
      after = page.next;
    }
    assert.ok(after, `${name}: a second page`);
    const page = await this.check(`${name}, deep page`, viewer, () => list({ ...params, after }));
    assert.ok(page.rows.length, `${name}: the deep page has rows`);
  };
}

// ---- the test ------------------------------------------------------------------------------

Deno.test("explain: every list and search query of a seeded org uses an index, not a sequential scan", async (t) => {
  const { database, orgIds, cleanup } = await seedDatabase();
  const log = new QueryLog(database.db);
  setServices({
    config: parseConfig({ APP_URL: "http://localhost:8000", DENO_ENV: "test" }),
    db: database.db.withPlugin(log),
    driver: database.driver,
  });
  const { check, deep } = new Explainer(log);
  try {
    const orgId = orgIds[0];
    const pick = <T>(fn: (q: OrgScope) => Promise<T>) => withOrg({ orgId }, fn);

    // Viewers signed in through the app's guard.
    const org = await database.db.selectFrom("orgs").select("slug").where("id", "=", orgId).executeTakeFirstOrThrow();
    const members = await pick((q) =>
      q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
        .select(["users.id", "users.email", "users.name", "memberships.role", "memberships.team"])
        .orderBy("users.id").execute()
    );
    const signIn = (m: (typeof members)[number]) =>
      resolveMembership({ id: m.id, email: m.email, name: m.name, emailVerified: true, sessionHash: "" }, org.slug);
    const reps = members.filter((m) => m.role === "MEMBER" && m.team);
    /** A rep of an org where everyone sees every record (as admins and owners do anywhere). */
    const rep = await signIn(reps[0]);
    /** The same rep in an org that shows members only their own and their team's records. */
    const repOwn: AuthContext = { ...rep, org: { ...rep.org, visibility: "own" } };
    const viewers = { rep, repOwn };
    /** Another team's rep, for the owner filter. */
    const other = reps.find((m) => m.team !== rep.team)!;

    // Words that find records, and the records with the longest timelines, picked from the data.
    const contact = await pick((q) =>
      q.selectFrom("contacts").select(["id", "last_name", "email"]).where("email", "is not", null)
        .orderBy("id").offset(700).limit(1).executeTakeFirstOrThrow()
    );
    const company = await pick((q) =>
      q.selectFrom("companies").select("name").orderBy("id").offset(400).limit(1).executeTakeFirstOrThrow()
    );
    const words = {
      company: company.name.split(/[^\p{L}]+/u).find((w) => w.length >= 3)!,
      contact: contact.last_name.slice(0, 4),
      email: contact.email!,
    };
    const busiest = (type: RecordType) =>
      pick(async (q) =>
        (await q.selectFrom("activities").select("record_id").where("record_type", "=", type)
          .where(
            "record_id",
            "not in",
            q.selectFrom(RECORDS[type].table as "companies").select("id").where("deleted_at", "is not", null),
          )
          .groupBy("record_id").orderBy(sql`count(*)`, "desc").orderBy("record_id").limit(1)
          .executeTakeFirstOrThrow()).record_id
      );

    const url = (query: string) => new URL(`http://localhost/?${query}`);
    const companyParams = (query: string) => listParams(url(query), COMPANY_SORTS, "name");
    const contactParams = (query: string) => listParams(url(query), CONTACT_SORTS, "name");
    const leadParams = (query: string) => ({
      ...listParams(url(query), LEAD_SORTS, "newest"),
      status: leadFilter(url(query)),
    });
    /** What every record list offers: its sorts, and the owner filter (mine, unassigned, a member's). */
    const listFilters = (sorts: string[]) => [
      "",
      ...sorts.map((s) => `sort=${s}`),
      "owner=me",
      "owner=none",
      `owner=${other.id}`,
      `owner=${other.id}&sort=${sorts[0]}`,
    ];

    await t.step("companies", async () => {
      for (const [who, viewer] of Object.entries(viewers)) {
        const search = [`q=${words.company}`, `q=${words.company}&sort=name`, `q=${words.company}&owner=me`];
        for (const f of [...listFilters(Object.keys(COMPANY_SORTS)), ...search]) {
          await check(`companies?${f} as ${who}`, viewer, async () => {
            await withMembers(viewer, (q) => listCompanies(q, viewer, companyParams(f)));
          });
        }
        for (const sort of Object.keys(COMPANY_SORTS)) {
          const params = companyParams(`sort=${sort}`);
          await deep(
            `companies?sort=${sort} as ${who}`,
            viewer,
            params,
            (p) => inOrg(viewer, (q) => listCompanies(q, viewer, p)),
            8,
          );
        }
      }
      const found = await inOrg(rep, (q) => listCompanies(q, rep, companyParams(`q=${words.company}`)));
      assert.ok(found.rows.length, "the company search finds something");
    });

    await t.step("contacts", async () => {
      for (const [who, viewer] of Object.entries(viewers)) {
        const email = encodeURIComponent(words.email);
        const search = [`q=${words.contact}`, `q=${email}`, `q=${words.contact}&sort=name_desc`];
        for (const f of [...listFilters(Object.keys(CONTACT_SORTS)), ...search]) {
          await check(`contacts?${f} as ${who}`, viewer, async () => {
            await withMembers(viewer, (q) => listContacts(q, viewer, contactParams(f)));
          });
        }
        for (const sort of Object.keys(CONTACT_SORTS)) {
          const params = contactParams(`sort=${sort}`);
          await deep(
            `contacts?sort=${sort} as ${who}`,
            viewer,
            params,
            (p) => inOrg(viewer, (q) => listContacts(q, viewer, p)),
            8,
          );
        }
      }
      const found = await inOrg(
        rep,
        (q) => listContacts(q, rep, contactParams(`q=${encodeURIComponent(words.email)}`)),
      );
      assert.ok(found.rows.some((r) => r.id === contact.id), "the contact search finds the contact by email");
    });

    await t.step("leads", async () => {
      const statuses = ["open", "new", "qualified", "disqualified", "converted", "all"].map((s) => `status=${s}`);
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const f of [...listFilters(Object.keys(LEAD_SORTS)), ...statuses, "q=a", "status=all&q=mail&owner=me"]) {
          await check(`leads?${f} as ${who}`, viewer, async () => {
            await withMembers(viewer, (q) => listLeads(q, viewer, leadParams(f)));
          });
        }
        for (const f of ["sort=newest", "sort=oldest", "status=all", "status=disqualified&sort=oldest"]) {
          await deep(
            `leads?${f} as ${who}`,
            viewer,
            leadParams(f),
            (p) => inOrg(viewer, (q) => listLeads(q, viewer, p)),
            4,
          );
        }
      }
    });

    await t.step("deals list", async () => {
      const pipelines = await inOrg(rep, listPipelines);
      const stage = await pick((q) =>
        q.selectFrom("stages").select("id").where("pipeline_id", "=", pipelines[0].id).orderBy("position").limit(1)
          .executeTakeFirstOrThrow()
      );
      const more = [
        ...["status=won", "status=lost", "status=all", "status=all&sort=value"],
        `pipeline=${pipelines[0].id}`,
        `pipeline=${pipelines[1].id}&status=all`,
        `pipeline=${pipelines[0].id}&stage=${stage.id}&sort=value`,
        `q=${words.company}`,
        `q=${words.company}&status=all&owner=me`,
        // Opened from a report's bar (lib/reports/charts.ts).
        `status=won&closed_from=${isoDay(TODAY - 60 * DAY)}&closed_to=${isoDay(TODAY - 31 * DAY)}`,
        `status=open&expected_from=${isoDay(TODAY)}&expected_to=${isoDay(TODAY + 30 * DAY)}&team=${rep.team}`,
        `status=lost&reason=Timing&closed_from=${isoDay(TODAY - 365 * DAY)}&closed_to=${isoDay(TODAY)}`,
      ];
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const f of [...listFilters(["newest", "oldest", "value"]), ...more]) {
          await check(`deals/list?${f} as ${who}`, viewer, () =>
            inOrg(viewer, async (q) => ({
              page: await listDeals(q, viewer, dealListParams(url(f))),
              members: await orgMembers(q),
              pipelines: await listPipelines(q),
            })));
        }
        for (const f of ["sort=newest", "status=all&sort=oldest", "status=all&sort=value", "status=won&sort=value"]) {
          const list = (p: DealListParams) => inOrg(viewer, (q) => listDeals(q, viewer, p));
          await deep(`deals/list?${f} as ${who}`, viewer, dealListParams(url(f)), list, who === "repOwn" ? 2 : 6);
        }
      }
    });

    await t.step("deals board and its columns", async () => {
      const pipelines = await inOrg(rep, listPipelines);
      const boards = ["", "owner=me", `owner=${other.id}`, `q=${words.company}`, `pipeline=${pipelines[1].id}`];
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const f of boards) {
          const params = Object.fromEntries(url(f).searchParams);
          const filters = dealFilters.parse(params);
          // The unfiltered board shows 5 cards a column, so that its columns have more to load.
          const pageSize = f ? undefined : 5;
          const [board] = await check(`deals?${f} as ${who}`, viewer, () =>
            inOrg(viewer, async (q) =>
              [
                await loadBoard(q, viewer, { pipelineId: params.pipeline || null, filters, pageSize }),
                await orgMembers(q),
              ] as const));
          if (f) continue;
          const column = board.columns.find((c) => c.next);
          assert.ok(column?.next, "a column with more cards");
          await check(
            `deals/column?stage=…&after=… as ${who}`,
            viewer,
            () => inOrg(viewer, (q) => columnPage(q, viewer, { stageId: column.id, after: column.next!, filters })),
          );
        }
      }
    });

    await t.step("tasks", async () => {
      const states = ["open", "overdue", "today", "done"].map((s) => `state=${s}`);
      const owners = ["owner=", "owner=&state=done", "owner=none", `owner=${other.id}`];
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const f of ["", "sort=due_desc", ...states, ...owners, "q=call", "owner=&q=follow&state=done"]) {
          await check(`tasks?${f} as ${who}`, viewer, async () => {
            await withMembers(viewer, (q) => listTasks(q, viewer, taskParams(url(f))));
          });
        }
        for (const f of ["owner=&state=done", "owner=&state=done&sort=due_desc", "state=done"]) {
          await deep(
            `tasks?${f} as ${who}`,
            viewer,
            taskParams(url(f)),
            (p) => inOrg(viewer, (q) => listTasks(q, viewer, p)),
            3,
          );
        }
      }
    });

    await t.step("customers", async () => {
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const kind of ["companies", "contacts"] as CustomerKind[]) {
          const first = await check(
            `customers?kind=${kind} as ${who}`,
            viewer,
            () => listCustomers(viewer, kind, null),
          );
          assert.ok(first.rows.length, `${kind} customers`);
          if (!first.next) continue;
          await check(
            `customers?kind=${kind}&after=… as ${who}`,
            viewer,
            () => listCustomers(viewer, kind, first.next),
          );
        }
      }
    });

    await t.step("global search", async () => {
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const q of [words.company, words.contact, words.email, "a", `${words.company} ${words.contact}`]) {
          await check(`search?q=${q} as ${who}`, viewer, () => searchAll(viewer, q));
        }
      }
      const groups = await searchAll(rep, words.company);
      assert.ok(groups.some((g) => g.hits.length), "the search finds something");
    });

    await t.step("my day", async () => {
      for (const [who, viewer] of Object.entries(viewers)) await check(`my day as ${who}`, viewer, () => myDay(viewer));
      const day = await myDay(rep);
      assert.ok(day.tasks.length + day.rotting.length + day.leads.length, "the rep's day has something in it");
    });

    await t.step("reports: every section, by range, pipeline, owner and team", async () => {
      const pipelines = await inOrg(rep, listPipelines);
      const uses = ["deals_closed_idx", "activity_days_key", "leads_created_idx", "open_deal_totals_key"];
      const filters = [
        "",
        "range=this_month",
        `range=custom&from=${isoDay(TODAY - 400 * DAY)}&to=${isoDay(TODAY)}`,
        `pipeline=${pipelines[1].id}&range=this_quarter`,
        `owner=${other.id}`,
        `team=${encodeURIComponent(rep.team!)}&range=last_month`,
      ];
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const [i, f] of filters.entries()) {
          // Each viewer and filter once, so the sections are computed (the open pipeline, the same
          // for every range, is cached after the first). Narrowed to an owner or a team, the planner
          // may reach their rows through the owner indexes instead: no sequential scan either way.
          const parsed = reportFilters(url(f));
          assert.ok(parsed.ok);
          const report = await check(
            `reports?${f} as ${who}`,
            viewer,
            () => loadReport(viewer, parsed.filters),
            i === 0 ? uses : [],
          );
          assert.ok(report.cached <= 1);
        }
      }
      const report = await loadReport(rep, reportFilters(url("")).filters);
      assert.ok(metrics(report).totals.won > 0 && report.sections.activity.weeks.length > 0, "reports with numbers");
    });

    await t.step("recently deleted", async () => {
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const type of ["company", "contact", "lead", "deal"] as RecordType[]) {
          const index = `${RECORDS[type].table}_org_deleted_idx`;
          const rows = await check(`${type} trash as ${who}`, viewer, () => recentlyDeleted(viewer, type), [index]);
          if (who === "rep") assert.ok(rows.length, `deleted ${type} records to restore`);
        }
      }
    });

    await t.step("the API's lists and reads", async () => {
      const billing = await billingStatus(rep.org.id);
      const caller = (viewer: AuthContext) => ({
        auth: viewer,
        key: { id: crypto.randomUUID(), scope: "read" as const },
        billing,
      });
      const run = (viewer: AuthContext, op: Operation, query: Record<string, string>, params = {}) =>
        op.run({
          caller: caller(viewer),
          params,
          query: op.query ? op.query.parse(query) : {},
          body: {},
          ifMatch: null,
          url: new URL(`http://localhost/api/v1${op.path}`),
          scoped: (fn) => inOrg(viewer, fn),
        });
      const since = new Date(TODAY - 30 * DAY).toISOString();
      const lists: [Operation, Record<string, string>[]][] = [
        [companyOps.list, [{}, { sort: "name" }, { sort: "updated", updated_since: since }, { owner: "me" }]],
        [contactOps.list, [{ limit: "100" }, { sort: "name_desc" }, { sort: "updated" }, { owner: other.id }]],
        [leadOps.list, [{}, { status: "open" }, { sort: "updated", updated_since: since }]],
        [dealOps.list, [{}, { status: "open", sort: "value" }, { sort: "updated" }, { owner: "me" }]],
        [activityOps.list, [{}, { sort: "updated", updated_since: since }]],
        [taskOps.list, [{}, { owner: "me" }, { sort: "updated" }]],
      ];
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const [op, queries] of lists) {
          for (const query of queries) {
            const name = `API ${op.path}?${new URLSearchParams(query)} as ${who}`;
            const first = await check(name, viewer, () => run(viewer, op, query));
            // Three pages in: the cursor's keys still ride the index.
            let page = first.body as { next_cursor: string | null };
            for (let i = 0; i < 2 && page.next_cursor; i++) {
              page = (await run(viewer, op, { ...query, cursor: page.next_cursor })).body as typeof page;
            }
            if (page.next_cursor) {
              await check(`${name}, deep page`, viewer, () => run(viewer, op, { ...query, cursor: page.next_cursor! }));
            }
          }
        }
      }
      const deal = await busiest("deal");
      await check("API GET /deals/{id} as rep", rep, () => run(rep, dealOps.get, {}, { id: deal }));
      const contactId = await busiest("contact");
      await check("API GET /contacts/{id} as rep", rep, () => run(rep, contactOps.get, {}, { id: contactId }));
    });

    await t.step("record pages and their timelines", async () => {
      const timeline = ["activities_record_idx", "record_events_record_idx", "attachments_record_idx"];
      const companyId = await busiest("company");
      const contactId = await busiest("contact");
      const leadId = await busiest("lead");
      const dealId = await busiest("deal");
      for (const [who, viewer] of Object.entries({ rep })) {
        const company = await check(`company page as ${who}`, viewer, () => companyPage(viewer, companyId), timeline);
        assert.ok(company.extras.timeline.length, "a timeline");
        await check(`contact page as ${who}`, viewer, () => contactPage(viewer, contactId), timeline);
        await check(`lead page as ${who}`, viewer, () => leadPage(viewer, leadId), timeline);
        const deal = await check(`deal page as ${who}`, viewer, () => dealPage(viewer, dealId), timeline);
        assert.ok(deal.extras.timeline.some((i) => i.kind === "event"), "deal history on the timeline");
      }
    });

    await t.step(
      "the tables allowed a sequential scan are small in an org, and have an index for when not",
      async () => {
        for (const table of Object.keys(SMALL_TABLES)) {
          const n = await pick(async (q) =>
            (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${orgId}`
              .execute(q.trx)).rows[0].n
          );
          assert.ok(n > 0 && n <= SMALL_TABLE_MAX_ROWS, `${table}: ${n} rows in the org`);
          const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = ${table}`
            .execute(database.db);
          assert.ok(rows.some((r) => /\(org_id\b/.test(r.indexdef)), `${table}: an index leading with org_id`);
        }
      },
    );
  } finally {
    await cleanup();
  }
});
