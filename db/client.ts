/** Opens the database chosen by `DATABASE_URL`: PGlite (unset), `pg` (postgres://) or Neon. */
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import { APP_ROLE } from "./migrations/0001_platform.ts";
import { migrations } from "./migrations/mod.ts";
import { lockDataDir } from "./lock.ts";
import type { DB } from "./schema.ts";

export type Driver = "pglite" | "pg" | "neon";

export interface DatabaseOptions {
  databaseUrl?: string;
  driver?: Driver;
  /** PGlite data directory; `null` keeps it in memory. */
  pgliteDir?: string | null;
  /** Local WebSocket→TCP proxy for the Neon driver, e.g. `127.0.0.1:5488/v2`. */
  neonWsProxy?: string;
  migrate?: boolean;
}

export interface Database {
  /** Runs as the app role: row-level security applies. */
  db: Kysely<DB>;
  driver: Driver;
  close(): Promise<void>;
}

export function chooseDriver(opts: DatabaseOptions): Driver {
  if (opts.driver) return opts.driver;
  if (!opts.databaseUrl) return "pglite";
  return /\.neon\.tech\b/.test(opts.databaseUrl) ? "neon" : "pg";
}

const setAppRole = CompiledQuery.raw(`SET ROLE ${APP_ROLE}`);

/**
 * Same JS types on every driver: bigint (counts, money in minor units) as number, and `date`
 * as its ISO text (no time-zone shift).
 */
const INT8 = 20;
const DATE = 1082;
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

export async function runMigrations(db: Kysely<unknown>, list: Record<string, Migration> = migrations) {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(list) } });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Error") console.error(`migration ${r.migrationName} failed`);
  }
  if (error) throw error;
  return results ?? [];
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const unlock = opts.pgliteDir ? lockDataDir(opts.pgliteDir) : () => {};
  // We hold the directory's lock, so a postmaster.pid left by a killed process is stale and
  // would stop PGlite from starting.
  if (opts.pgliteDir) await Deno.remove(`${opts.pgliteDir}/postmaster.pid`).catch(() => {});
  try {
    const pglite = await PGlite.create(opts.pgliteDir ?? "memory://", { extensions: { pg_trgm }, parsers });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    if (opts.migrate) await runMigrations(db as Kysely<unknown>);
    // PGlite has one session: switch it to the app role once migrations are done.
    await pglite.exec(setAppRole.sql);
    return {
      db,
      driver: "pglite",
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

async function poolFor(driver: "pg" | "neon", opts: DatabaseOptions) {
  if (driver === "pg") {
    const pg = (await import("pg")).default;
    for (const [oid, parse] of Object.entries(parsers)) pg.types.setTypeParser(Number(oid), parse);
    return logIdleErrors(new pg.Pool({ connectionString: opts.databaseUrl, max: 10 }));
  }
  const neon = await import("@neondatabase/serverless");
  if (opts.neonWsProxy) {
    neon.neonConfig.wsProxy = () => `${opts.neonWsProxy}`;
    neon.neonConfig.useSecureWebSocket = false;
    neon.neonConfig.pipelineTLS = false;
    neon.neonConfig.pipelineConnect = false;
  }
  for (const [oid, parse] of Object.entries(parsers)) neon.types.setTypeParser(Number(oid), parse);
  return logIdleErrors(new neon.Pool({ connectionString: opts.databaseUrl, max: 10 }));
}

/**
 * An idle pooled connection that the server ends (restart, failover, a dropped test database)
 * emits "error" on its pool; unheard, that would crash the process. The pool replaces it.
 */
function logIdleErrors<P extends { on(event: "error", fn: (err: Error) => void): unknown }>(pool: P): P {
  pool.on("error", (err) => console.warn(`database: an idle connection ended: ${err.message}`));
  return pool;
}

async function openPool(driver: "pg" | "neon", opts: DatabaseOptions): Promise<Database> {
  if (opts.migrate) {
    const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: await poolFor(driver, opts) }) });
    try {
      await runMigrations(owner);
    } finally {
      await owner.destroy();
    }
  }
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: await poolFor(driver, opts),
      onCreateConnection: async (conn) => void await conn.executeQuery(setAppRole),
    }),
  });
  return { db, driver, close: () => db.destroy() };
}

export function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const driver = chooseDriver(opts);
  return driver === "pglite" ? openPglite(opts) : openPool(driver, opts);
}
