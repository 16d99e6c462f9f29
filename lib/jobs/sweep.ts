/**
 * The QStash sweep, called every minute by a QStash schedule: it enqueues the recurring work of the
 * period, and republishes what QStash should have but has not delivered: jobs whose publish was lost,
 * jobs overdue long after their time (a delivery refused as early, or lost), jobs whose runner's lease
 * ran out. Republishing is safe: deliveries of a job that is not due, or no longer, run nothing.
 */
import { sql } from "kysely";
import { asJobRunner } from "../data/scope.ts";
import { dispatcher } from "./dispatch.ts";
import { enqueueRecurring } from "./recurring.ts";

/** A publish is this late before it counts as lost. */
const UNPUBLISHED_GRACE_SECONDS = 30;
/** A published job this overdue was not delivered (QStash retries a failing delivery for a few minutes first). */
const OVERDUE_GRACE_SECONDS = 900;
const BATCH = 500;

export async function sweep(): Promise<number> {
  await enqueueRecurring();
  const lost = await asJobRunner(async (trx) =>
    (await sql<{ id: string; run_at: Date; attempts: number }>`
      SELECT id, run_at, attempts FROM jobs
      WHERE status IN ('queued', 'failed', 'running')
        AND run_at <= now() - make_interval(secs => ${UNPUBLISHED_GRACE_SECONDS})
        AND (published_at IS NULL OR status = 'running' OR run_at <= now() - make_interval(secs => ${OVERDUE_GRACE_SECONDS}))
      ORDER BY run_at LIMIT ${BATCH}`.execute(trx)).rows
  );
  if (lost.length) await dispatcher().dispatch(lost.map((j) => ({ id: j.id, runAt: j.run_at, attempts: j.attempts })));
  return lost.length;
}
