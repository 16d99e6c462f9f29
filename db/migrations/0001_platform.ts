import { type Kysely, sql } from "kysely";

/** The role the app runs as: it neither owns the tables nor bypasses row-level security. */
export const APP_ROLE = "nexacrm_app";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$ BEGIN
      CREATE ROLE nexacrm_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`.execute(db);
  await sql`GRANT nexacrm_app TO CURRENT_USER`.execute(db).catch(() => {});
  await sql`GRANT USAGE ON SCHEMA public TO nexacrm_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO nexacrm_app`
    .execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO nexacrm_app`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // A full-text match may run before row-level security's tenant check, and so use the search GIN
  // indexes, only if it is leakproof. Marking it needs a superuser (PGlite, a self-hosted Postgres);
  // without one (Neon), search still works, reading the org's rows through the org index.
  await sql`
    DO $$ BEGIN
      IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
      END IF;
    END $$`.execute(db);
  // Sortable ids (UUIDv7) before Postgres 18 ships uuidv7().
  await sql`
    CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      ts bytea := substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3);
      b bytea := ts || substring(uuid_send(gen_random_uuid()) from 7 for 10);
    BEGIN
      b := set_byte(b, 6, (get_byte(b, 6) & 15) | 112);
      b := set_byte(b, 8, (get_byte(b, 8) & 63) | 128);
      RETURN encode(b, 'hex')::uuid;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS uuid_v7()`.execute(db);
}
