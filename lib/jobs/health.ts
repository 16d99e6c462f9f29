/** The queue as /healthz reports it, from the due index alone: how much work waits, and for how long. */
import { sql } from "kysely";
import { asJobRunner } from "../data/scope.ts";

/** Counting stops here, so a huge backlog costs no more than this to report. */
export const DEPTH_CAP = 10_000;

export interface QueueHealth {
  /** Jobs queued, retrying or running (capped at DEPTH_CAP). */
  depth: number;
  /** Seconds since the oldest job that is due now became due (0: none waits). */
  oldestDueSeconds: number;
}

export async function queueHealth(): Promise<QueueHealth> {
  return await asJobRunner(async (trx) => {
    const { rows: [row] } = await sql<{ depth: number; oldest: Date | null }>`
      SELECT
        (SELECT count(*) FROM (SELECT 1 FROM jobs WHERE status IN ('queued', 'failed', 'running')
          LIMIT ${DEPTH_CAP}) pending)::int AS depth,
        (SELECT min(run_at) FROM jobs WHERE status IN ('queued', 'failed', 'running') AND run_at <= now()) AS oldest`
      .execute(trx);
    const waited = row.oldest ? (Date.now() - new Date(row.oldest).getTime()) / 1000 : 0;
    return { depth: row.depth, oldestDueSeconds: Math.max(0, Math.round(waited)) };
  });
}
