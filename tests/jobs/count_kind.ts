/** `test.count`: each run adds a row (job id, the running process) to `test_job_runs`, a table the test makes. */
import { sql } from "kysely";
import * as z from "zod";
import { services } from "@/lib/data/services.ts";
import { defineJob } from "@/lib/jobs/registry.ts";

export const CREATE_RUNS_TABLE = sql`CREATE TABLE test_job_runs (job_id uuid NOT NULL, runner integer NOT NULL)`;

defineJob("test.count", z.object({}), async (_payload, job) => {
  await sql`INSERT INTO test_job_runs (job_id, runner) VALUES (${job.id}, ${Deno.pid})`.execute(services().db);
});
