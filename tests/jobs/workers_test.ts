/**
 * Exactly once with several runners on one database: 1,000 jobs, three runners. With DATABASE_URL
 * (Postgres, through pg or Neon's driver) the runners are three processes, each an app process's
 * embedded worker; on PGlite, whose data one process holds, they are three workers in this process.
 */
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { asPlatform } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { startWorker } from "@/lib/jobs/worker.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { testApp } from "../helpers/app.ts";
import { testDatabase } from "../helpers/db.ts";
import { CREATE_RUNS_TABLE } from "./count_kind.ts";

const JOBS = 1_000;
const RUNNERS = 3;

/** Starts the three runners; returns how to stop them. */
async function startRunners(databaseUrl: string | undefined): Promise<() => Promise<void>> {
  if (!databaseUrl) {
    const workers = Array.from({ length: RUNNERS }, () => startWorker({ pollMs: 50 }));
    return async () => void await Promise.all(workers.map((w) => w.stop()));
  }
  const children = Array.from({ length: RUNNERS }, () =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./worker_process.ts", import.meta.url).pathname],
      env: { DATABASE_URL: databaseUrl },
      stdout: "piped",
      stderr: "inherit",
    }).spawn());
  for (const child of children) {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let said = "";
    while (!said.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("a worker process ended before it was ready");
      said += value;
    }
    reader.releaseLock();
  }
  return async () => {
    for (const child of children) child.kill("SIGTERM");
    for (const child of children) {
      assert.equal((await child.status).code, 0);
      await child.stdout.cancel().catch(() => {});
    }
  };
}

Deno.test(`workers: ${JOBS} jobs across ${RUNNERS} runners on one database each run exactly once`, async () => {
  const database = await testDatabase();
  const app = await testApp({}, database);
  const owner = <T>(fn: (o: Kysely<unknown>) => Promise<T>) => asOwner(services().db as unknown as Kysely<unknown>, fn);
  await owner((o) => CREATE_RUNS_TABLE.execute(o));
  const stop = await startRunners(database.url);
  try {
    for (let batch = 0; batch < 10; batch++) {
      await asPlatform(async (q) => {
        for (let i = 0; i < JOBS / 10; i++) await enqueue(q, "test.count", {});
      });
    }
    const deadline = Date.now() + 120_000;
    const pending = () =>
      owner(async (o) =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE status <> 'done'`.execute(o)).rows[0].n
      );
    while (await pending() > 0) {
      assert.ok(Date.now() < deadline, "every job done within two minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    const { rows: [counts] } = await owner((o) =>
      sql<{ runs: number; jobs: number; runners: number }>`
        SELECT count(*)::int AS runs, count(DISTINCT job_id)::int AS jobs, count(DISTINCT runner)::int AS runners
        FROM test_job_runs`.execute(o)
    );
    assert.equal(counts.jobs, JOBS, "every job ran");
    assert.equal(counts.runs, JOBS, "none ran twice");
    if (database.url) assert.equal(counts.runners, RUNNERS, "each process ran some of them");
  } finally {
    await stop();
    await app.close();
  }
});
