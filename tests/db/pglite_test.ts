/** PGlite on disk: persistence, the data-directory lock across processes, and a kill in the middle of a migration. */
import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { openDatabase, runMigrations } from "@/db/client.ts";
import { migrations } from "@/db/migrations/mod.ts";
import { ROOT } from "@/lib/app.ts";
import { appliedMigrations, asOwner, schemaOf } from "../helpers/db_owner.ts";

/** A `deno` subprocess in the repo on PGlite, whatever driver the test run itself uses. */
function denoCommand(args: string[], env: Record<string, string> = {}) {
  const inherited = Deno.env.toObject();
  delete inherited.DATABASE_URL;
  delete inherited.DATABASE_DRIVER;
  return new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    clearEnv: true,
    env: { ...inherited, NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  });
}

async function withTempDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "nexacrm-pglite-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("pglite on disk: the schema persists and reopening runs no migration again", () =>
  withTempDir(async (dir) => {
    const first = await openDatabase({ pgliteDir: dir, migrate: true });
    await first.close();
    const again = await openDatabase({ pgliteDir: dir, migrate: true });
    try {
      const db = again.db as Kysely<unknown>;
      assert.deepEqual(await asOwner(db, appliedMigrations), Object.keys(migrations).sort());
      assert.deepEqual(await asOwner(db, (owner) => runMigrations(owner)), []);
    } finally {
      await again.close();
    }
  }));

Deno.test("pglite lock: a second process on the same data directory fails with a clear message", () =>
  withTempDir(async (dir) => {
    const database = await openDatabase({ pgliteDir: `${dir}/pglite`, migrate: true });
    try {
      const second = await denoCommand(["run", "-A", "tasks/migrate.ts"], { DATA_DIR: dir }).output();
      assert.equal(second.success, false);
      const stderr = new TextDecoder().decode(second.stderr);
      assert.match(stderr, /DataDirLockedError/);
      assert.ok(
        stderr.includes(`The embedded database in ${dir}/pglite is in use by process ${Deno.pid}.`),
        `unexpected message: ${stderr}`,
      );
      assert.equal(Deno.readTextFileSync(`${dir}/pglite/.lock`), String(Deno.pid));
    } finally {
      await database.close();
    }
    assert.throws(() => Deno.statSync(`${dir}/pglite/.lock`), Deno.errors.NotFound, "closing releases the lock");
  }));

Deno.test("pglite lock: a lock left by a process that is gone is taken over", () =>
  withTempDir(async (dir) => {
    const gone = new Deno.Command("true").spawn();
    await gone.status;
    Deno.writeTextFileSync(`${dir}/.lock`, String(gone.pid));
    const database = await openDatabase({ pgliteDir: dir, migrate: true });
    try {
      assert.equal(Deno.readTextFileSync(`${dir}/.lock`), String(Deno.pid));
    } finally {
      await database.close();
    }
  }));

Deno.test("pglite: a process killed in the middle of a migration leaves a consistent schema", () =>
  withTempDir(async (dir) => {
    const child = denoCommand(["run", "-A", "tests/db/hang_in_migration.ts", dir]).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    let output = "";
    try {
      for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
        output += text;
        if (output.includes("inside the migration")) break;
      }
      assert.match(output, /inside the migration/, "the subprocess reached the migration");
      child.kill("SIGKILL");
      assert.equal((await child.status).signal, "SIGKILL");
    } finally {
      clearTimeout(timer);
      await child.stderr.cancel();
    }

    const reopened = await openDatabase({ pgliteDir: dir, migrate: true });
    const fresh = await openDatabase({ pgliteDir: null, migrate: true });
    try {
      const db = reopened.db as Kysely<unknown>;
      assert.deepEqual(await asOwner(db, appliedMigrations), Object.keys(migrations).sort());
      assert.deepEqual(await asOwner(db, schemaOf), await asOwner(fresh.db as Kysely<unknown>, schemaOf));
    } finally {
      await reopened.close();
      await fresh.close();
    }
  }));
