/** Job kinds of the job tests: a recorder that remembers each run, and a flaky job that fails while told to. */
import * as z from "zod";
import { defineJob } from "@/lib/jobs/registry.ts";

export interface Run {
  id: string;
  orgId: string | null;
  attempt: number;
  payload: { n: number };
  at: number;
}

export const runs: Run[] = [];

defineJob("test.record", z.object({ n: z.number().int() }), (payload, job) => {
  runs.push({ id: job.id, orgId: job.orgId, attempt: job.attempt, payload, at: performance.now() });
  return Promise.resolve();
}, { label: "Test recorder" });

export const flaky = { failing: true, runs: 0 };

defineJob("test.flaky", z.object({}), () => {
  flaky.runs++;
  return flaky.failing ? Promise.reject(new Error("the test's provider is down")) : Promise.resolve();
}, { maxAttempts: 3, label: "Flaky test job" });
