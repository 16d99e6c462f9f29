/**
 * Runs before the server (PGlite allows one process per directory): opens the app in-process on
 * the bench database, signs the bench user in, resolves each endpoint's path (records, search
 * term, deep keyset pages), records the SQL each endpoint runs, and times that SQL replayed
 * directly through Kysely as the app role — the database half of each endpoint's floor.
 *
 *   deno run -A bench/probe.ts --org bench-1 --user owner@bench-1.nexacrm.test --out probe.json
 */
import { parseArgs } from "node:util";
import { type CompiledQuery, sql } from "kysely";
import manifest from "@/fresh.gen.ts";
import { openDatabase } from "@/db/client.ts";
import { QueryLog } from "@/db/query_log.ts";
import { createApp, ROOT } from "@/lib/app.ts";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session.ts";
import { config } from "@/lib/config/env.ts";
import { readIslandAssets } from "@/lib/fresh/assets.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { type Endpoint, ENDPOINTS, fillPath, nextLink, requestOf, variant } from "./endpoints.ts";
import { ok } from "./report.ts";
import { createApiKey } from "@/lib/api/keys.ts";
import { percentiles } from "./stats.ts";

export interface ProbedEndpoint {
  /** The entry of ENDPOINTS this measures. */
  endpoint: string;
  name: string;
  path: string;
  status: number;
  /** For deep pages: how many `next` links were followed. */
  depth?: number;
  sql?: {
    statements: number;
    /** One replay, serially (median). */
    serialMs: number;
    /** Replays by `concurrency` workers at once, as the load test sends requests. */
    p50: number;
    p95: number;
    slowest: { ms: number; sql: string; plan: string };
  };
}

export interface Probe {
  cookie: string;
  /** Keys of the bench user, taken in turn by the API endpoints' load (each key has its plan's rate limit). */
  apiKeys: string[];
  values: Record<string, string>;
  endpoints: ProbedEndpoint[];
}

const { values: args } = parseArgs({
  options: {
    org: { type: "string" },
    user: { type: "string" },
    out: { type: "string" },
    deep: { type: "string", default: "40" },
    concurrency: { type: "string", default: "10" },
    seconds: { type: "string", default: "2" },
  },
});
const concurrency = Number(args.concurrency);
const replaySeconds = Number(args.seconds);

const env = config();
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  driver: env.DATABASE_DRIVER,
  pgliteDir: `${env.DATA_DIR}/pglite`,
  neonWsProxy: env.NEON_WS_PROXY,
  migrate: true,
});
const capture = new QueryLog(database.db);
const db = database.db.withPlugin(capture);
const assets = await readIslandAssets(ROOT);
const app = await createApp({ manifest, dev: false, assets: () => assets, database: { ...database, db } });

const user = await db.selectFrom("users").select("id").where(sql`lower(email)`, "=", args.user!.toLowerCase())
  .executeTakeFirstOrThrow();
const org = await db.selectFrom("orgs").select("id").where("slug", "=", args.org!).executeTakeFirstOrThrow();
const token = await createSession(user.id, { ip: "127.0.0.1", userAgent: "nexacrm-bench" });
const cookie = `${SESSION_COOKIE}=${token}`;
// The bench org's 240,000 records exceed Pro's 100,000: it is on Business, as such an org would be (else the
// create endpoint measures a plan-limit refusal).
await withOrg({ orgId: org.id }, (q) =>
  q.insertInto("org_billing", {
    stripe_customer_id: `cus_bench_${org.id}`,
    stripe_subscription_id: `sub_bench_${org.id}`,
    plan: "business",
    status: "active",
    seats: 12,
  }).onConflict((oc) => oc.column("org_id").doNothing()).execute());
/** Enough keys that the load stays under the per-key limit at a few thousand requests a second. */
const API_KEYS = 80;
const apiKeys = await withOrg({ orgId: org.id, userId: user.id }, async (q) => {
  const keys: string[] = [];
  for (let i = 0; i < API_KEYS; i++) {
    const made = await createApiKey(q, { id: user.id, role: "OWNER" }, {
      name: `Bench ${i}`,
      scope: "write",
      expires: "30",
    });
    keys.push(made.token);
  }
  return keys;
});

/**
 * The bell's count endpoint is measured at 100,000 notifications in the org (issue 19): spread over its members,
 * a tenth of them the bench user's, half of all unread. Seeded once.
 */
const BENCH_NOTIFICATIONS = 100_000;
await withOrg({ orgId: org.id }, async (q) => {
  const { n } = await q.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(n) >= BENCH_NOTIFICATIONS) return;
  await sql`WITH m AS (SELECT array_agg(user_id ORDER BY user_id) AS ids FROM memberships WHERE org_id = ${org.id})
    INSERT INTO notifications (org_id, recipient_id, type, title, dedupe_key, read_at)
    SELECT ${org.id}, CASE WHEN i % 10 = 0 THEN ${user.id}::uuid ELSE m.ids[1 + i % cardinality(m.ids)] END,
      'assigned', 'Bench notification ' || i, 'bench:' || i, CASE WHEN i % 2 = 0 THEN now() END
    FROM generate_series(1, ${BENCH_NOTIFICATIONS}) i, m
    ON CONFLICT DO NOTHING`.execute(q.trx);
});
await sql`ANALYZE notifications`.execute(db).catch(() => {});

/** The busiest record of each type, and a common last name to search for. */
const values = await withOrg({ orgId: org.id, userId: user.id }, async (q) => {
  const busiest = async (type: string) =>
    (await sql<{ id: string }>`select record_id as id from activities where org_id = ${org.id}
      and record_type = ${type} group by record_id order by count(*) desc, record_id limit 1`.execute(q.trx))
      .rows[0]?.id ?? "none";
  const name = await sql<{ q: string }>`select last_name as q from contacts where org_id = ${org.id}
    group by last_name order by count(*) desc, last_name limit 1`.execute(q.trx);
  return {
    org: args.org!,
    deal: await busiest("deal"),
    company: await busiest("company"),
    contact: await busiest("contact"),
    lead: await busiest("lead"),
    q: name.rows[0]?.q ?? "a",
  };
});

const origin = "http://127.0.0.1:8000";
let probes = 0;
const get = (path: string, ep: Endpoint) =>
  app.handler(new Request(origin + path, requestOf(ep, { cookie, apiKey: apiKeys[probes++ % apiKeys.length] })), {
    remoteAddr: { hostname: "127.0.0.1" },
  });

const ROLLBACK = new Error("rollback");
async function replayOnce(statements: CompiledQuery[], perStatement?: number[]): Promise<number> {
  const started = performance.now();
  try {
    await database.db.transaction().execute(async (trx) => {
      for (const [i, s] of statements.entries()) {
        const t = performance.now();
        await trx.executeQuery(s);
        if (perStatement) perStatement[i] = (perStatement[i] ?? 0) + performance.now() - t;
      }
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return performance.now() - started;
}

/** A compact plan: node types with their index, depth-first ("Limit > Index Scan deals_org_idx"). */
function summarise(plan: Record<string, unknown>): string {
  const name = `${plan["Node Type"]}${plan["Index Name"] ? ` ${plan["Index Name"]}` : ""}`;
  const kids = (plan["Plans"] as Record<string, unknown>[] | undefined) ?? [];
  return kids.length ? `${name} > ${kids.map(summarise).join(", ")}` : name;
}

async function explain(statements: CompiledQuery[], index: number): Promise<string> {
  let plan = "";
  try {
    await database.db.transaction().execute(async (trx) => {
      for (const s of statements.slice(0, index)) await trx.executeQuery(s);
      const target = statements[index];
      if (!/^\s*(select|with)\b/i.test(target.sql)) throw ROLLBACK;
      const { rows } = await trx.executeQuery<{ "QUERY PLAN": unknown }>({
        ...target,
        sql: `EXPLAIN (ANALYZE, FORMAT JSON) ${target.sql}`,
      });
      const raw = rows[0]["QUERY PLAN"];
      const [top] = (typeof raw === "string" ? JSON.parse(raw) : raw) as Record<string, unknown>[];
      plan = `${(top["Execution Time"] as number).toFixed(2)} ms: ${summarise(top.Plan as Record<string, unknown>)}`;
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) plan = `explain failed: ${(err as Error).message}`;
  }
  return plan;
}

async function measureSql(statements: CompiledQuery[]): Promise<ProbedEndpoint["sql"]> {
  const perStatement: number[] = [];
  const serial: number[] = [];
  for (let i = 0; i < 20; i++) serial.push(await replayOnce(statements, perStatement));
  const times: number[] = [];
  const deadline = performance.now() + replaySeconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) times.push(await replayOnce(statements));
  }));
  const slowestIndex = perStatement.indexOf(Math.max(...perStatement));
  const { p50, p95 } = percentiles(times);
  return {
    statements: statements.length,
    serialMs: percentiles(serial).p50,
    p50,
    p95,
    slowest: {
      ms: (perStatement[slowestIndex] ?? 0) / serial.length,
      sql: statements[slowestIndex]?.sql.replace(/\s+/g, " ").slice(0, 400) ?? "",
      plan: statements.length ? await explain(statements, slowestIndex) : "",
    },
  };
}

async function probe(ep: Endpoint, path: string, depth?: number): Promise<ProbedEndpoint> {
  const name = depth === undefined ? ep.name : `${ep.name} (deep)`;
  const base = { endpoint: ep.name, name, path, depth };
  // A varying endpoint warms up on one variant and is recorded on another, as its load test sees it.
  await (await get(ep.vary ? variant(path, 0) : path, ep)).body?.cancel();
  const { result: res, queries: statements } = await capture.record(() => get(ep.vary ? variant(path, 1) : path, ep));
  await res.body?.cancel();
  if (!ok(res.status)) return { ...base, status: res.status };
  return { ...base, status: res.status, sql: await measureSql(statements) };
}

const endpoints: ProbedEndpoint[] = [];
for (const ep of ENDPOINTS) {
  const path = fillPath(ep.path, values);
  const first = await probe(ep, path);
  endpoints.push(first);
  console.error(`probe ${ep.name}: ${first.status} ${first.sql ? `${first.sql.statements} statements` : ""}`);
  if (!ep.deep || first.status !== 200) continue;
  let deep = path;
  let depth = 0;
  for (; depth < Number(args.deep); depth++) {
    const res = await get(deep, ep);
    const next = nextLink(origin + deep, await res.text(), res.headers);
    if (!next) break;
    deep = next;
  }
  endpoints.push(
    depth ? await probe(ep, deep, depth) : { endpoint: ep.name, name: `${ep.name} (deep)`, path, status: 0 },
  );
}

const result: Probe = { cookie, apiKeys, values, endpoints };
await Deno.writeTextFile(args.out!, JSON.stringify(result, null, 2));
await database.close();
Deno.exit(0);
