/**
 * Subprocess of pglite_test.ts: migrates the PGlite directory given as argument to the latest schema, then
 * starts one more migration, runs its first statement and waits there (printing a line) to be killed.
 */
import { type Kysely, sql } from "kysely";
import { openDatabase, runMigrations } from "@/db/client.ts";
import { migrations } from "@/db/migrations/mod.ts";
import { asOwner } from "../helpers/db_owner.ts";

const database = await openDatabase({ pgliteDir: Deno.args[0], migrate: true });
await asOwner(database.db as Kysely<unknown>, (owner) =>
  runMigrations(owner, {
    ...migrations,
    "9999_killed_midway": {
      async up(db) {
        await sql`CREATE TABLE killed_midway (id int)`.execute(db);
        console.log("inside the migration");
        await new Promise((resolve) => setTimeout(resolve, 120_000));
      },
    },
  }));
