/** What an org's admins see of its jobs: the failed (retrying) and dead ones, and a retry. */
import { sql } from "kysely";
import type { JobStatus } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import { dispatcher } from "./dispatch.ts";
import { jobDefinition } from "./registry.ts";

export const JOBS_PAGE_SIZE = 50;

export interface TroubledJob {
  id: string;
  kind: string;
  /** The kind as admins read it. */
  label: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** For a failed job, its next attempt. */
  run_at: Date;
  created_at: Date;
}

/** Newest first, a page at a time by id (UUIDv7: id order is creation order); `before` is the previous page's `next`. */
export async function troubledJobs(q: OrgScope, before: string | null, size = JOBS_PAGE_SIZE) {
  let query = q.selectFrom("jobs")
    .select(["id", "kind", "status", "attempts", "max_attempts", "last_error", "run_at", "created_at"])
    .where("status", "in", ["failed", "dead"])
    .orderBy("id", "desc")
    .limit(size + 1);
  if (before) query = query.where("id", "<", before);
  const rows = await query.execute();
  const items: TroubledJob[] = rows.slice(0, size).map((r) => ({
    ...r,
    label: jobDefinition(r.kind)?.label ?? r.kind,
  }));
  return { items, next: rows.length > size ? items[items.length - 1].id : null };
}

/**
 * Runs a failed or dead job of the org again now: a failed one keeps the attempts it has left, a dead
 * one gets one more. False when the org has no such job (another org's, done, already queued).
 */
export async function retryJob(q: OrgScope, id: string): Promise<boolean> {
  const row = await q.updateTable("jobs")
    .set({
      status: "queued",
      run_at: new Date(),
      published_at: null,
      updated_at: new Date(),
      max_attempts: sql<number>`greatest(max_attempts, attempts + 1)`,
    })
    .where("id", "=", id)
    .where("status", "in", ["failed", "dead"])
    .returning(["id", "attempts", "run_at"])
    .executeTakeFirst();
  if (!row) return false;
  q.afterCommit(() => dispatcher().dispatch([{ id: row.id, runAt: row.run_at, attempts: row.attempts }]));
  return true;
}
