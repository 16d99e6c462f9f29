/**
 * The database layer on the driver the environment selects (see tests/helpers/db.ts):
 * PGlite in memory by default, `pg` with DATABASE_URL, Neon's driver with DATABASE_DRIVER=neon as well.
 */
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { type Database, runMigrations } from "@/db/client.ts";
import { APP_ROLE } from "@/db/migrations/0001_platform.ts";
import { migrations } from "@/db/migrations/mod.ts";
import { testDatabase } from "@/tests/helpers/db.ts";
import { appliedMigrations, asOwner } from "../helpers/db_owner.ts";

const expectedDriver = Deno.env.get("DATABASE_URL") ? Deno.env.get("DATABASE_DRIVER") ?? "pg" : "pglite";

Deno.test(`database on ${expectedDriver}`, async (t) => {
  const database = await testDatabase();
  try {
    await t.step("migrations run, and running them again changes nothing", () => migrationsAreIdempotent(database));
    await t.step(`app queries run as ${APP_ROLE}, without superuser or BYPASSRLS`, () => runsAsAppRole(database));
    await t.step("uuid_v7() ids are version 7 and sort by creation time", () => uuidV7Sorts(database));
  } finally {
    await database.close();
  }
});

async function migrationsAreIdempotent(database: Database) {
  assert.equal(database.driver, expectedDriver);
  const db = database.db as Kysely<unknown>;
  assert.deepEqual(await asOwner(db, appliedMigrations), Object.keys(migrations).sort());
  assert.deepEqual(await asOwner(db, (owner) => runMigrations(owner)), []);
}

async function runsAsAppRole(database: Database) {
  // Several at once, so a pooled driver hands out more than one connection.
  const results = await Promise.all(
    [1, 2, 3].map(() =>
      sql<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>`
        SELECT current_user, r.rolsuper, r.rolbypassrls, pg_sleep(0.02)
        FROM pg_roles r WHERE r.rolname = current_user`.execute(database.db)
    ),
  );
  for (const { rows: [role] } of results) {
    assert.equal(role.current_user, APP_ROLE);
    assert.equal(role.rolsuper, false);
    assert.equal(role.rolbypassrls, false);
  }
}

async function uuidV7Sorts(database: Database) {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { rows: [row] } = await sql<{ id: string }>`SELECT uuid_v7()::text AS id`.execute(database.db);
    ids.push(row.id);
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.deepEqual([...ids].sort(), ids);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const millis = parseInt(ids[0].replace("-", "").slice(0, 12), 16);
  assert.ok(Math.abs(millis - Date.now()) < 60_000, "the id starts with the current Unix time in milliseconds");
}
