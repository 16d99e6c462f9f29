import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

const VERSIONED = ["companies", "contacts", "leads", "deals", "activities"];

/**
 * The public API: keys (stored as hashes), idempotency entries, monthly call counts, and a version on
 * every record for ETag/If-Match (bumped by a trigger on any update, which also moves `updated_at`
 * when the statement left it alone, so `updated_since` sees every change).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      -- The admin who created it: the key acts as them, with their current role, while they are a member.
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scope text NOT NULL CHECK (scope IN ('read', 'write')),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX api_keys_org_idx ON api_keys (org_id, id DESC);

    -- One entry per org and Idempotency-Key: the request's hash, then the response to replay.
    CREATE TABLE api_idempotency (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      idempotency_key text NOT NULL,
      key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
      request_hash text NOT NULL,
      -- Null while the first request runs.
      status integer,
      headers jsonb NOT NULL DEFAULT '{}',
      body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, idempotency_key)
    );
    -- The purge of expired entries across orgs (the one index here not led by org_id).
    CREATE INDEX api_idempotency_expiry_idx ON api_idempotency (expires_at);

    CREATE TABLE api_usage (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      month date NOT NULL,
      calls bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, month)
    );
  `,
  );
  // One statement (execScript would split the function body at its semicolons).
  await sql`CREATE FUNCTION bump_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.version := OLD.version + 1;
      IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN NEW.updated_at := now(); END IF;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of VERSIONED) {
    const t = sql.raw(table);
    await sql`ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_version`)} BEFORE UPDATE ON ${t}
      FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);
    // updated_since filters and the "updated" sort, over live rows as every list reads them.
    await sql`CREATE INDEX ${sql.raw(`${table}_live_updated_idx`)} ON ${t} (org_id, updated_at, id)
      WHERE deleted_at IS NULL`.execute(db);
  }
  // A request's key is found by its hash before the org is known: RLS shows that one row by it.
  await enableTenantRls(db, "api_keys", "token_hash = nullif(current_setting('app.api_key_hash', true), '')");
  // The purge job sees expired entries of every org, and nothing else.
  await enableTenantRls(
    db,
    "api_idempotency",
    "(current_setting('app.purge', true) = 'api_idempotency' AND expires_at < now())",
  );
  await enableTenantRls(db, "api_usage");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED) {
    await sql`DROP TRIGGER ${sql.raw(`${table}_version`)} ON ${sql.raw(table)}`.execute(db);
    await sql`DROP INDEX ${sql.raw(`${table}_live_updated_idx`)}`.execute(db);
    await sql`ALTER TABLE ${sql.raw(table)} DROP COLUMN version`.execute(db);
  }
  await sql`DROP FUNCTION bump_record_version()`.execute(db);
  await sql`DROP TABLE api_usage, api_idempotency, api_keys`.execute(db);
}
