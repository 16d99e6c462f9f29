/** Test access to the database as the owner (the role migrations run as), on one pinned connection. */
import { type Kysely, sql } from "kysely";
import { APP_ROLE } from "@/db/migrations/0001_platform.ts";

export function asOwner<T>(db: Kysely<unknown>, fn: (owner: Kysely<unknown>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`RESET ROLE`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql.raw(`SET ROLE ${APP_ROLE}`).execute(conn);
    }
  });
}

/** Tables, columns, indexes, policies and functions of `public`: equal for two databases on the same migrations. */
export async function schemaOf(db: Kysely<unknown>) {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    columns: await rows(sql`
      SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, column_name`),
    indexes: await rows(sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    policies: await rows(sql`SELECT tablename, policyname, qual FROM pg_policies ORDER BY tablename, policyname`),
    functions: await rows(sql`
      SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' ORDER BY p.proname`),
  };
}

export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}
