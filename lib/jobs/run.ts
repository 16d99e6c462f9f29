/**
 * Running jobs, the same for every dispatcher: claim (a short transaction that takes a lease), run
 * the handler outside any transaction, then settle (done; or failed, due again after a backoff; or
 * dead after the last attempt). A runner that dies mid-run leaves the lease to expire, and the job
 * is claimed again. Settling checks the attempt it ran, so a late runner cannot overwrite a newer one.
 */
import { sql, type Transaction } from "kysely";
import * as z from "zod";
import type { DB } from "@/db/schema.ts";
import { asJobRunner } from "../data/scope.ts";
import { retryDelayMs } from "./backoff.ts";
import { type Dispatched, dispatcher } from "./dispatch.ts";
import { jobDefinition } from "./registry.ts";

/** How long a claimed job is its runner's: handlers must finish well within it. */
export const LEASE_SECONDS = 300;
/** QStash may deliver a little before `run_at` by its clock: a delivery this early still runs. */
const EARLY_SECONDS = 5;

interface ClaimedJob {
  id: string;
  org_id: string | null;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

type Result = { job: ClaimedJob; error: null } | { job: ClaimedJob; error: string; dead: boolean };

const lease = sql`now() + make_interval(secs => ${LEASE_SECONDS})`;
const CLAIMED = sql`jobs.id, jobs.org_id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts`;

/** Up to `limit` due jobs, oldest first, skipping those another runner is claiming. */
async function claimDue(trx: Transaction<DB>, limit: number): Promise<ClaimedJob[]> {
  const { rows } = await sql<ClaimedJob>`
    WITH due AS (
      SELECT id FROM jobs WHERE status IN ('queued', 'failed', 'running') AND run_at <= now()
      ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE jobs SET status = 'running', attempts = attempts + 1, run_at = ${lease}, updated_at = now()
    FROM due WHERE jobs.id = due.id
    RETURNING ${CLAIMED}`.execute(trx);
  return rows;
}

/** The one job a QStash delivery names, if it is due (or its runner's lease ran out). */
async function claimOne(trx: Transaction<DB>, id: string): Promise<ClaimedJob | undefined> {
  const { rows } = await sql<ClaimedJob>`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, run_at = ${lease}, updated_at = now()
    WHERE id = ${id} AND (
      (status IN ('queued', 'failed') AND run_at <= now() + make_interval(secs => ${EARLY_SECONDS}))
      OR (status = 'running' AND run_at <= now()))
    RETURNING ${CLAIMED}`.execute(trx);
  return rows[0];
}

const message = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 2000);

async function execute(job: ClaimedJob): Promise<Result> {
  const definition = jobDefinition(job.kind);
  if (job.attempts > job.max_attempts) {
    return { job, error: "its runner stopped during the last attempt", dead: true };
  }
  if (!definition) return { job, error: `no handler for job kind ${job.kind}`, dead: job.attempts >= job.max_attempts };
  const payload = definition.schema.safeParse(job.payload);
  if (!payload.success) return { job, error: `invalid payload: ${z.prettifyError(payload.error)}`, dead: true };
  try {
    await definition.run(payload.data, { id: job.id, orgId: job.org_id, attempt: job.attempts });
    return { job, error: null };
  } catch (err) {
    return { job, error: message(err), dead: job.attempts >= job.max_attempts };
  }
}

const ran = (job: ClaimedJob) => sql`(${job.id}::uuid, ${job.attempts}::int)`;

/** Records the results; hands the jobs due again to the dispatcher. */
async function settle(results: Result[]): Promise<void> {
  const done = results.filter((r) => r.error === null).map((r) => r.job);
  const failed = results.filter((r): r is Extract<Result, { dead: boolean }> => r.error !== null);
  const again = await asJobRunner(async (trx) => {
    if (done.length) {
      await sql`UPDATE jobs SET status = 'done', finished_at = now(), updated_at = now()
        WHERE status = 'running' AND (id, attempts) IN (${sql.join(done.map(ran))})`.execute(trx);
    }
    const again: Dispatched[] = [];
    for (const { job, error, dead } of failed) {
      const delay = retryDelayMs(job.attempts);
      const { rows } = await sql<{ run_at: Date }>`
        UPDATE jobs SET status = ${dead ? "dead" : "failed"}, last_error = ${error}, published_at = NULL,
          run_at = now() + make_interval(secs => ${delay / 1000}), updated_at = now()
        WHERE status = 'running' AND (id, attempts) IN (${ran(job)})
        RETURNING run_at`.execute(trx);
      const where = `job ${job.kind} ${job.id} (attempt ${job.attempts} of ${job.max_attempts})`;
      if (dead) console.error(`jobs: ${where} is dead: ${error}`);
      else console.warn(`jobs: ${where} failed, retrying in ${Math.round(delay / 1000)} s: ${error}`);
      if (rows[0] && !dead) again.push({ id: job.id, runAt: rows[0].run_at, attempts: job.attempts });
    }
    return again;
  });
  if (again.length) await dispatcher().dispatch(again);
}

async function runClaimed(jobs: ClaimedJob[]): Promise<Result[]> {
  const results = await Promise.all(jobs.map(execute));
  await settle(results);
  return results;
}

/** Claims and runs up to `limit` due jobs; returns how many it claimed (0: none is due). */
export async function runDueJobs(limit = 25): Promise<number> {
  const jobs = await asJobRunner((trx) => claimDue(trx, limit));
  if (jobs.length) await runClaimed(jobs);
  return jobs.length;
}

/** Runs due jobs until none is left due (tests, and the bench's cold path); returns how many ran. */
export async function drainJobs(): Promise<number> {
  let total = 0;
  for (let n = await runDueJobs(); n > 0; n = await runDueJobs()) total += n;
  return total;
}

export type RunOutcome = "done" | "failed" | "dead" | "skipped";

/** Runs one job by id, unless it is not due, already running or finished (a redelivery): "skipped". */
export async function runJobById(id: string): Promise<RunOutcome> {
  const job = await asJobRunner((trx) => claimOne(trx, id));
  if (!job) return "skipped";
  const [result] = await runClaimed([job]);
  return result.error === null ? "done" : result.dead ? "dead" : "failed";
}
