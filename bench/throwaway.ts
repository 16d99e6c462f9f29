/** A throwaway database for the focused benches: a fresh Postgres database, dropped after, or PGlite in memory. */
import pg from "pg";
import { type Database, openDatabase } from "@/db/client.ts";

export interface Throwaway {
  database: Database;
  label: string;
  drop(): Promise<void>;
}

/** On the Postgres at DATABASE_URL (default 127.0.0.1:5432), or PGlite with `driver` "pglite". */
export async function throwawayDatabase(driver: "pg" | "pglite", prefix: string): Promise<Throwaway> {
  if (driver === "pglite") {
    return {
      database: await openDatabase({ pgliteDir: null, migrate: true }),
      label: "PGlite (memory)",
      drop: () => Promise.resolve(),
    };
  }
  const admin = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `nexa_bench_${prefix}_${crypto.randomUUID().slice(0, 8)}`;
  const sqlAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await sqlAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.href, driver: "pg", migrate: true }),
    label: `Postgres (throwaway database ${name})`,
    drop: () => sqlAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
