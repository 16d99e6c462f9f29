import { type Kysely, sql } from "kysely";
import { execScript } from "./helpers.ts";

/**
 * Background jobs, a transactional outbox: a job row commits or rolls back with the change that
 * causes it. `org_id` is null for platform jobs (sign-up, verification and reset emails).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE jobs (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid REFERENCES orgs(id) ON DELETE CASCADE,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      -- Idempotent enqueue: the same key (per org, or among platform jobs) is one job.
      key text,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      -- When it may run next; while running, when its lease ends (a runner that died leaves it due again).
      run_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      -- QStash mode: when the current attempt was handed to QStash (null: the sweep republishes it).
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE UNIQUE INDEX jobs_key_idx ON jobs (org_id, key) NULLS NOT DISTINCT WHERE key IS NOT NULL;
    -- The runners' claim, the sweep and the health check, across orgs (the one index not led by org_id).
    CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('queued', 'failed', 'running');
    -- The admin page: an org's failed and dead jobs, newest first.
    CREATE INDEX jobs_trouble_idx ON jobs (org_id, id DESC) WHERE status IN ('failed', 'dead');
    -- Pruning finished jobs.
    CREATE INDEX jobs_done_idx ON jobs (finished_at) WHERE status = 'done';
  `,
  );
  // An org's jobs are its own; platform jobs are reached in the platform scope, every job in the
  // runner's scope (lib/data/scope.ts: asPlatform, asJobRunner).
  const using = sql.raw(`org_id = nullif(current_setting('app.org_id', true), '')::uuid
    OR current_setting('app.jobs', true) = 'runner'
    OR (org_id IS NULL AND current_setting('app.jobs', true) = 'platform')`);
  await sql`ALTER TABLE jobs ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE jobs FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON jobs USING (${using}) WITH CHECK (${using})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE jobs`.execute(db);
}
