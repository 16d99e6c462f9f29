/** Housekeeping of the job table itself: finished jobs are deleted after two weeks (failed and dead ones stay). */
import { sql } from "kysely";
import * as z from "zod";
import { asJobRunner } from "../data/scope.ts";
import { defineJob, defineRecurring } from "./registry.ts";

export const KEEP_DONE_DAYS = 14;
const BATCH = 5_000;

async function pruneDone(): Promise<void> {
  let deleted = BATCH;
  while (deleted === BATCH) {
    deleted = await asJobRunner(async (trx) => {
      const result = await sql`DELETE FROM jobs WHERE id IN (
        SELECT id FROM jobs WHERE status = 'done' AND finished_at < now() - make_interval(days => ${KEEP_DONE_DAYS})
        LIMIT ${BATCH})`.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    });
  }
}

defineJob("jobs.prune", z.object({}), pruneDone, { label: "Job table clean-up" });
defineRecurring({ kind: "jobs.prune", everyMinutes: 60 });
