/** A throwaway Postgres database for a bench, on the server of DATABASE_URL (else 127.0.0.1:5432), dropped after. */
import pg from "pg";
import { type Database, openDatabase } from "@/db/client.ts";

export interface ThrowawayDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function throwawayPostgres(prefix: string): Promise<ThrowawayDb> {
  const server = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A migrated throwaway database: a fresh Postgres one (dropped by `drop`), or PGlite in memory. */
export async function throwawayDatabase(
  driver: "pg" | "pglite",
  prefix: string,
): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  if (driver === "pglite") {
    return {
      database: await openDatabase({ pgliteDir: null, migrate: true }),
      label: "PGlite (memory)",
      drop: () => Promise.resolve(),
    };
  }
  const db = await throwawayPostgres(prefix);
  return {
    database: await openDatabase({ databaseUrl: db.url, driver: "pg", migrate: true }),
    label: `Postgres (throwaway database ${db.name})`,
    drop: db.drop,
  };
}
