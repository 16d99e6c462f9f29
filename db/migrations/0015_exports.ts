import type { Kysely } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * Workspace exports built by a job (issue 20): who asked, the state of the build, and the zip's size once written
 * under the data directory. A recurring job deletes exports (row and file) 7 days after they were asked for; it
 * sees only those rows of every org (`app.purge = 'exports'`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE exports (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      records integer NOT NULL,
      size_bytes bigint,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX exports_org_idx ON exports (org_id, id DESC);
    CREATE INDEX exports_created_idx ON exports (created_at);
  `,
  );
  await enableTenantRls(
    db,
    "exports",
    "(current_setting('app.purge', true) = 'exports' AND created_at < now() - interval '7 days')",
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `DROP TABLE exports`);
}
