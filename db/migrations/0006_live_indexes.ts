import type { Kysely } from "kysely";
import { execScript } from "./helpers.ts";

/**
 * List indexes over live rows only (`deleted_at IS NULL`, as every list asks): a list's count
 * then reads the index alone (index-only), instead of the table, however large the org.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX companies_org_idx;
    CREATE INDEX companies_live_idx ON companies (org_id, id DESC) WHERE deleted_at IS NULL;
    DROP INDEX contacts_org_idx;
    CREATE INDEX contacts_live_idx ON contacts (org_id, id DESC) WHERE deleted_at IS NULL;
    DROP INDEX leads_org_status_idx;
    CREATE INDEX leads_live_status_idx ON leads (org_id, status, id DESC) WHERE deleted_at IS NULL;
    DROP INDEX deals_org_status_idx;
    CREATE INDEX deals_live_status_idx ON deals (org_id, status, id DESC) WHERE deleted_at IS NULL;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX companies_live_idx;
    CREATE INDEX companies_org_idx ON companies (org_id, id DESC);
    DROP INDEX contacts_live_idx;
    CREATE INDEX contacts_org_idx ON contacts (org_id, id DESC);
    DROP INDEX leads_live_status_idx;
    CREATE INDEX leads_org_status_idx ON leads (org_id, status, id DESC);
    DROP INDEX deals_live_status_idx;
    CREATE INDEX deals_org_status_idx ON deals (org_id, status, id DESC);
  `,
  );
}
