/**
 * A fresh, migrated database for one test file, on the driver CI selects:
 * PGlite in memory by default; with `DATABASE_URL` set, a new database on that server
 * (through `pg`, or through Neon's driver when `DATABASE_DRIVER=neon`), dropped afterwards.
 */
import pg from "pg";
import { type Database, type Driver, openDatabase } from "@/db/client.ts";

export interface TestDatabase extends Database {
  url?: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function testDatabase(): Promise<TestDatabase> {
  const baseUrl = Deno.env.get("DATABASE_URL");
  const driver = Deno.env.get("DATABASE_DRIVER") as Driver | undefined;
  if (!baseUrl) return await openDatabase({ pgliteDir: null, migrate: true });
  const name = `nexa_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(baseUrl, name);
  const db = await openDatabase({
    databaseUrl: url,
    driver,
    neonWsProxy: Deno.env.get("NEON_WS_PROXY"),
    migrate: true,
  });
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      await admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
