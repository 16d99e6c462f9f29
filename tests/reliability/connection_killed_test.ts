/**
 * The server ends connections in use (a restart, a failover): the query in flight fails as DatabaseUnavailable, the
 * process goes on (an unheard "error" event on a checked-out client used to end it), and the pool reconnects.
 * Needs a Postgres server: runs on the pg and Neon drivers (CI), and says why it does not on PGlite.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { DatabaseUnavailable } from "@/db/unavailable.ts";
import { admin, testDatabase } from "../helpers/db.ts";

const NAME = "database: connections ended by the server under queries fail those queries, and the pool recovers";
const serverUrl = Deno.env.get("DATABASE_URL");
if (!serverUrl) console.warn(`SKIPPED "${NAME}": needs a Postgres server (DATABASE_URL); PGlite has no connections`);

Deno.test({ name: NAME, ignore: !serverUrl }, async () => {
  const database = await testDatabase();
  try {
    const name = new URL(database.url!).pathname.slice(1);
    const sleeping = Array.from(
      { length: 4 },
      () => sql`select pg_sleep(30)`.execute(database.db).then(() => "done", (e) => e),
    );
    // Wait until the four sleep, then end their backends as a fast shutdown would.
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = ${name} and query like 'select pg_sleep%'`.execute(database.db);
      if (rows[0].n >= 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin(
      serverUrl!,
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
    for (const outcome of await Promise.all(sleeping)) {
      assert.ok(outcome instanceof DatabaseUnavailable, String(outcome));
    }
    // The pool drops the ended connections (a query may still meet one that has not said so yet) and makes new ones.
    const deadline = Date.now() + 2_000;
    let answer: unknown;
    while (Date.now() < deadline && answer !== 1) {
      answer = await sql<{ one: number }>`select 1 as one`.execute(database.db).then((r) => r.rows[0].one, (e) => {
        assert.ok(e instanceof DatabaseUnavailable, String(e));
      });
    }
    assert.equal(answer, 1);
  } finally {
    await database.close();
  }
});
