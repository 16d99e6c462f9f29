/** A throwaway Postgres database for a bench, on the server of DATABASE_URL (else 127.0.0.1:5432), dropped after. */
import pg from "pg";

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
