/** The outbox's one way in: a job row written in the caller's transaction, dispatched once it commits. */
import { OrgScope, type PlatformScope } from "../data/scope.ts";
import { dispatcher } from "./dispatch.ts";
import { jobDefinition } from "./registry.ts";

/** An org's transaction (the org's job) or the platform's (a job of no org). */
export type JobScope = OrgScope | PlatformScope;

export interface EnqueueOptions {
  /** Not before this time. */
  runAt?: Date;
  /** The same key again (in the same org, or among platform jobs) enqueues nothing. */
  key?: string;
}

/** Returns the new job's id, or null when a job with this key already exists. */
export async function enqueue(
  q: JobScope,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const definition = jobDefinition(kind);
  if (!definition) throw new Error(`no job kind ${kind} is defined`);
  const data = definition.schema.parse(payload);
  const row = await q.trx.insertInto("jobs")
    .values({
      org_id: q instanceof OrgScope ? q.orgId : null,
      kind,
      payload: JSON.stringify(data),
      key: opts.key ?? null,
      max_attempts: definition.maxAttempts,
      ...(opts.runAt ? { run_at: opts.runAt } : {}),
    })
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "run_at"])
    .executeTakeFirst();
  if (!row) return null;
  q.afterCommit(() => dispatcher().dispatch([{ id: row.id, runAt: row.run_at, attempts: 0 }]));
  return row.id;
}
