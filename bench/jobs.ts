/**
 * `deno task bench:jobs [--driver pg|pglite] [--jobs N] [--lanes N] [--batch N]`: the embedded worker
 * on a throwaway database (Postgres at 127.0.0.1:5432 by default, or DATABASE_URL). It measures
 *  - throughput: N jobs committed while no worker runs, then one worker (as the server starts it)
 *    drains them; jobs run per second;
 *  - commit → run delay: one job per transaction at a steady rate while the worker idles; the time
 *    from the commit to the handler starting, p50/p95/p99.
 * Goals: at least 1,000 jobs/s on Postgres, p95 delay under 250 ms. Jobs are no-ops: what is measured
 * is the job system (claim, lease, settle, wake-up), not any handler.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import * as z from "zod";
import { parseConfig } from "@/lib/config/env.ts";
import { asJobRunner, asPlatform } from "@/lib/data/scope.ts";
import { setServices } from "@/lib/data/services.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { defineJob } from "@/lib/jobs/registry.ts";
import { startWorker } from "@/lib/jobs/worker.ts";
import { percentiles } from "./stats.ts";
import { throwawayDatabase } from "./throwaway_db.ts";

const { values: args } = parseArgs({
  options: {
    driver: { type: "string" },
    jobs: { type: "string", default: "20000" },
    lanes: { type: "string", default: "4" },
    batch: { type: "string", default: "25" },
    samples: { type: "string", default: "1000" },
    rate: { type: "string", default: "200" },
  },
});
const JOBS = Number(args.jobs);
const SAMPLES = Number(args.samples);
const RATE = Number(args.rate);
const worker = { lanes: Number(args.lanes), batch: Number(args.batch), pollMs: 1_000 };
const driver = args.driver ?? "pg";
if (driver !== "pg" && driver !== "pglite") throw new Error("--driver is pg or pglite");

const log = (msg: string) => console.log(`[bench:jobs] ${msg}`);

/** When each job started running, by id; and a wait for a number of runs. */
const started = new Map<string, number>();
let waiting: { count: number; resolve: () => void } | null = null;
defineJob("bench.noop", z.object({}), (_payload, job) => {
  started.set(job.id, performance.now());
  if (waiting && started.size >= waiting.count) waiting.resolve();
  return Promise.resolve();
});
const runsReach = (count: number) =>
  new Promise<void>((resolve) => {
    waiting = { count, resolve };
    if (started.size >= count) resolve();
  });

async function throughput(): Promise<{ jobs: number; seconds: number; perSecond: number }> {
  const perTransaction = 1_000;
  for (let done = 0; done < JOBS; done += perTransaction) {
    await asPlatform(async (q) => {
      for (let i = 0; i < Math.min(perTransaction, JOBS - done); i++) await enqueue(q, "bench.noop", {});
    });
  }
  log(`${JOBS} jobs queued; starting the worker (${worker.lanes} lanes × ${worker.batch})`);
  started.clear();
  const t0 = performance.now();
  const running = startWorker(worker);
  await runsReach(JOBS);
  await running.stop();
  // Counted once every job is marked done (the last lanes settle before stop returns).
  const seconds = (performance.now() - t0) / 1000;
  const done = await asJobRunner(async (trx) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE status = 'done'`.execute(trx)).rows[0].n
  );
  if (done !== JOBS) throw new Error(`${done} of ${JOBS} jobs are marked done`);
  return { jobs: JOBS, seconds, perSecond: JOBS / seconds };
}

async function delay(): Promise<ReturnType<typeof percentiles>> {
  started.clear();
  const committed = new Map<string, number>();
  const running = startWorker(worker);
  const gap = 1000 / RATE;
  const t0 = performance.now();
  for (let i = 0; i < SAMPLES; i++) {
    const due = t0 + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const holder: { id?: string | null } = {};
    await asPlatform(async (q) => {
      // Registered before the enqueue, so it runs first after the commit, before the worker is woken.
      q.afterCommit(() => holder.id && committed.set(holder.id, performance.now()));
      holder.id = await enqueue(q, "bench.noop", {});
    });
  }
  await runsReach(SAMPLES);
  await running.stop();
  return percentiles([...committed].map(([id, at]) => started.get(id)! - at));
}

const { database, label, drop } = await throwawayDatabase(driver, "nexa_bench_jobs");
try {
  setServices({ config: parseConfig({ DENO_ENV: "test" }), db: database.db, driver: database.driver });
  log(`database: ${label}`);
  const t = await throughput();
  log(`throughput: ${t.jobs} jobs in ${t.seconds.toFixed(2)} s = ${t.perSecond.toFixed(0)} jobs/s`);
  const d = await delay();
  log(
    `commit → run over ${d.count} jobs at ${RATE}/s: p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms, ` +
      `p99 ${d.p99.toFixed(1)} ms`,
  );
  const checks = [
    { name: "throughput ≥ 1,000 jobs/s", pass: t.perSecond >= 1_000 },
    { name: "p95 commit → run < 250 ms", pass: d.p95 < 250 },
  ];
  for (const c of checks) console.log(`${c.pass ? "PASS" : "FAIL"} ${c.name}`);
  if (driver === "pglite") log("goals are for Postgres; PGlite runs one query at a time in this process");
} finally {
  await database.close();
  await drop();
}
