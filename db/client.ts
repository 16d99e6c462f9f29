/** Opens the database chosen by `DATABASE_URL`: PGlite (unset), `pg` (postgres://) or Neon. */
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import { APP_ROLE } from "./migrations/0001_platform.ts";
import { migrations } from "./migrations/mod.ts";
import { lockDataDir } from "./lock.ts";
import type { DB } from "./schema.ts";
import { isConnectionFailure, reportingUnavailable } from "./unavailable.ts";

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
    return heardErrors(new pg.Pool(poolOptions(opts)));
  }
  const neon = await import("@neondatabase/serverless");
  if (opts.neonWsProxy) {
    neon.neonConfig.wsProxy = () => `${opts.neonWsProxy}`;
    neon.neonConfig.useSecureWebSocket = false;
    neon.neonConfig.pipelineTLS = false;
    neon.neonConfig.pipelineConnect = false;
  }
  for (const [oid, parse] of Object.entries(parsers)) neon.types.setTypeParser(Number(oid), parse);
  return heardErrors(new neon.Pool(poolOptions(opts)));
}

/** Connections per process; the server sizes its in-flight request limit from it. */
export const POOL_SIZE = 10;

/** A connection attempt gives up after this long, so an unreachable server fails requests fast. */
const CONNECT_TIMEOUT_MS = 3_000;

const poolOptions = (opts: DatabaseOptions) => ({
  connectionString: opts.databaseUrl,
  max: POOL_SIZE,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
});

interface Emitter {
  on(event: "error", fn: (err: Error) => void): unknown;
}

/**
 * A connection the server ends (restart, failover, a dropped test database) emits "error": on its pool while idle,
 * on the client itself while checked out. Unheard, either event is thrown and ends the process (the "Uncaught null" of
 * a Postgres restart under load); heard, the query in flight fails, the pool drops the client and makes new ones.
 */
function heardErrors<P extends Emitter & { on(event: "connect", fn: (client: Emitter) => void): unknown }>(pool: P): P {
  pool.on("error", (err) => console.warn(`database: an idle connection ended: ${err.message}`));
  pool.on("connect", (client) => {
    client.on("error", (err) => console.warn(`database: a connection in use ended: ${err.message}`));
  });
  return pool;
}

/**
 * Waits with backoff until the server accepts a session, so the app can start before its database (a container
 * started beside Postgres, a restart during a deploy). Errors other than an unreachable server end the wait.
 */
async function untilReachable(db: Kysely<unknown>) {
  for (let delay = 250, waited = 0;; waited += delay, delay = Math.min(delay * 2, 1_000)) {
    try {
      await db.executeQuery(CompiledQuery.raw("select 1"));
      if (waited) console.log(`database: reachable after ${(waited / 1000).toFixed(1)} s`);
      return;
    } catch (err) {
      if (!isConnectionFailure(err)) throw err;
      if (!waited) console.warn(`database: not reachable (${(err as Error).message}); waiting for it`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function openPool(driver: "pg" | "neon", opts: DatabaseOptions): Promise<Database> {
  if (opts.migrate) {
    const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: await poolFor(driver, opts) }) });
    try {
      await untilReachable(owner);
      await runMigrations(owner);
    } finally {
      await owner.destroy();
    }
  }
  const db = new Kysely<DB>({
    dialect: reportingUnavailable(
      new PostgresDialect({
        pool: await poolFor(driver, opts),
        onCreateConnection: async (conn) => void await conn.executeQuery(setAppRole),
      }),
    ),
  });
  return { db, driver, close: () => db.destroy() };
}

export function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const driver = chooseDriver(opts);
  return driver === "pglite" ? openPglite(opts) : openPool(driver, opts);
}
