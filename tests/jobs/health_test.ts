/**
 * The queue in /healthz (depth, age of the oldest due job), and every query of the job system on an
 * index: with 20,000 finished jobs across orgs beside a few due and dead ones, the runners' claim,
 * the health check, the sweep and the admin list EXPLAIN to their partial indexes, never a scan of jobs.
 */
import assert from "node:assert/strict";
import { type CompiledQuery, type Kysely, sql } from "kysely";
import { QueryLog } from "@/db/query_log.ts";
import { asJobRunner, withOrg } from "@/lib/data/scope.ts";
import { services, setServices } from "@/lib/data/services.ts";
import { troubledJobs } from "@/lib/jobs/admin.ts";
import { queueHealth } from "@/lib/jobs/health.ts";
import { runDueJobs } from "@/lib/jobs/run.ts";
import { sweep } from "@/lib/jobs/sweep.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import "./kinds.ts";

type Plan = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: Plan[] };

function nodes(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(query: CompiledQuery, context: (run: (trx: Kysely<unknown>) => Promise<Plan>) => Promise<Plan>) {
  return await context(async (trx) => {
    const { rows } = await trx.executeQuery<{ "QUERY PLAN": [{ Plan: Plan }] | string }>({
      ...query,
      sql: `EXPLAIN (FORMAT JSON) ${query.sql}`,
    });
    const raw = rows[0]["QUERY PLAN"];
    return (typeof raw === "string" ? JSON.parse(raw) : raw)[0].Plan;
  });
}

Deno.test("jobs: /healthz reports the queue, and every job query reads an index", async () => {
  const app = await testApp();
  try {
    const a = await orgWithOwner(app, "Acme");
    const b = await orgWithOwner(app, "Beta");
    const owner = <T>(fn: (o: Kysely<unknown>) => Promise<T>) =>
      asOwner(services().db as unknown as Kysely<unknown>, fn);
    await owner(async (o) => {
      await sql`INSERT INTO jobs (org_id, kind, payload, status, max_attempts, attempts, finished_at, published_at)
        SELECT CASE WHEN i % 2 = 0 THEN ${a.org.id}::uuid ELSE ${b.org.id}::uuid END, 'test.record', '{"n": 1}',
          'done', 10, 1, now(), now()
        FROM generate_series(1, 20000) i`.execute(o);
      await sql`INSERT INTO jobs (org_id, kind, payload, status, max_attempts, attempts, last_error)
        SELECT CASE WHEN i % 2 = 0 THEN ${a.org.id}::uuid ELSE ${b.org.id}::uuid END, 'test.record', '{"n": 1}',
          'dead', 3, 3, 'it broke'
        FROM generate_series(1, 400) i`.execute(o);
      await sql`INSERT INTO jobs (org_id, kind, payload, max_attempts, run_at)
        SELECT ${a.org.id}::uuid, 'test.record', '{"n": 500}', 10, now() - interval '2 minutes'
        FROM generate_series(1, 5) i`.execute(o);
      await sql`ANALYZE jobs`.execute(o);
    });

    const health = await (await app.fetch("/healthz")).json();
    assert.equal(health.ok, true);
    assert.equal(health.jobs.depth, 5);
    assert.ok(health.jobs.oldestDueSeconds >= 110 && health.jobs.oldestDueSeconds < 300, JSON.stringify(health));

    const { db, config, driver } = services();
    const log = new QueryLog(db);
    setServices({ config, driver, db: db.withPlugin(log) });
    const { queries } = await log.record(async () => {
      await queueHealth();
      await sweep();
      await withOrg({ orgId: a.org.id }, (q) => troubledJobs(q, null));
      await runDueJobs();
    });
    setServices({ config, driver, db });
    const runner = (run: (trx: Kysely<unknown>) => Promise<Plan>) =>
      asJobRunner((trx) => run(trx as unknown as Kysely<unknown>));
    const inOrg = (run: (trx: Kysely<unknown>) => Promise<Plan>) =>
      withOrg({ orgId: a.org.id }, (q) => run(q.trx as unknown as Kysely<unknown>));
    const reads = queries.filter((q) =>
      /\bjobs\b/.test(q.sql) && !/^(insert|update jobs set published_at)/i.test(q.sql)
    );
    const expected: [RegExp, string, typeof runner][] = [
      [/count\(\*\)/, "jobs_due_idx", runner],
      [/published_at IS NULL/, "jobs_due_idx", runner],
      [/"status" in/, "jobs_trouble_idx", inOrg],
      [/FOR UPDATE SKIP LOCKED/, "jobs_due_idx", runner],
    ];
    for (const [pattern, index, context] of expected) {
      const query = reads.find((q) => pattern.test(q.sql));
      assert.ok(query, `captured ${pattern}`);
      const plan = nodes(await explain(query, context));
      const scans = plan.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "jobs");
      assert.deepEqual(scans, [], `${pattern}: no sequential scan of jobs`);
      assert.ok(plan.some((n) => n["Index Name"] === index), `${pattern}: uses ${index}`);
    }
  } finally {
    await app.close();
  }
});
