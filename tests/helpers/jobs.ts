/** Jobs in tests: the app under test runs no worker, so a test runs what is due itself, at the point it needs it. */
import { sql } from "kysely";
import { asOwner } from "./db_owner.ts";
import { services } from "@/lib/data/services.ts";
import { drainJobs } from "@/lib/jobs/run.ts";
import type { Kysely } from "kysely";

export { drainJobs };

/** Every job row, as the database owner sees it (no row-level security), oldest first. */
export async function allJobs() {
  return await asOwner(services().db as unknown as Kysely<unknown>, async (owner) =>
    (await sql<{
      id: string;
      org_id: string | null;
      kind: string;
      payload: Record<string, unknown>;
      key: string | null;
      status: string;
      attempts: number;
      max_attempts: number;
      run_at: Date;
      last_error: string | null;
      published_at: Date | null;
    }>`SELECT * FROM jobs ORDER BY id`.execute(owner)).rows);
}

/** Makes every waiting job due now, as if its backoff had passed. */
export async function makeDue(): Promise<void> {
  await asOwner(services().db as unknown as Kysely<unknown>, async (owner) => {
    await sql`UPDATE jobs SET run_at = now() WHERE status IN ('queued', 'failed')`.execute(owner);
  });
}
