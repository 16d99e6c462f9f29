/**
 * Where seeded rows go. Each org loads in one transaction with the tenant set, so it lands whole
 * or not at all. Two ways in, measured (see bench/README.md):
 * - `copy`: COPY FROM STDIN (pg, via pg-copy-streams) or FROM '/dev/blob' (PGlite). Postgres refuses
 *   COPY FROM into a table whose row-level security applies to the role, so this needs a superuser
 *   or BYPASSRLS connection (Debian Postgres as `postgres`, PGlite); the generator sets `org_id` itself.
 * - `insert`: multi-row INSERTs through Kysely as the app role, under RLS (any driver, Neon included).
 */
import { Kysely, PGliteDialect } from "kysely";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { chooseDriver, type Driver, openDatabase, runMigrations } from "@/db/client.ts";
import { lockDataDir } from "@/db/lock.ts";
import type { DB } from "@/db/schema.ts";
import { SET_TENANT_SQL, tenantStatement } from "../data/scope.ts";
import type { Batch, Row } from "./batches.ts";

export type LoadMethod = "copy" | "insert";

export interface Writer {
  write(batch: Batch): Promise<void>;
}

export interface Target {
  readonly method: LoadMethod;
  readonly driver: Driver;
  inOrg<T>(orgId: string, fn: (w: Writer) => Promise<T>): Promise<T>;
  orgExists(slug: string): Promise<boolean>;
  /** Refreshes planner statistics (and the visibility map) after a bulk load, where the role may. */
  analyze(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Bind parameters per statement: Postgres's limit. Bigger statements measured a little faster (bench/README.md). */
const MAX_PARAMS = 65535;

export function insertTarget(db: Kysely<DB>, driver: Driver, close = () => Promise.resolve()): Target {
  return {
    method: "insert",
    driver,
    inOrg: (orgId, fn) =>
      db.transaction().execute(async (trx) => {
        await tenantStatement(orgId).execute(trx);
        return await fn({
          async write({ table, columns, rows }) {
            const perStatement = Math.floor(MAX_PARAMS / columns.length);
            for (let i = 0; i < rows.length; i += perStatement) {
              const values = rows.slice(i, i + perStatement).map((r) =>
                Object.fromEntries(columns.map((c, j) => [c, r[j]]))
              );
              // deno-lint-ignore no-explicit-any
              await trx.insertInto(table).values(values as any).execute();
            }
          },
        });
      }),
    orgExists: async (slug) => !!(await db.selectFrom("orgs").select("id").where("slug", "=", slug).executeTakeFirst()),
    analyze: () => Promise.resolve(),
    close,
  };
}

/** Rows in COPY's text format. */
export function copyText(rows: Row[]): string {
  const parts: string[] = [];
  for (const row of rows) {
    parts.push(row.map((v) => v === null ? "\\N" : typeof v === "number" ? String(v) : escapeCopy(v)).join("\t"));
  }
  return parts.join("\n") + "\n";
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeCopy = (s: string) => /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;

const copyStatement = (b: Batch, source: string) => `COPY ${b.table} (${b.columns.join(", ")}) FROM ${source}`;

/**
 * For a superuser, foreign-key triggers are skipped during the load (`session_replication_role`,
 * as pg_restore does): they were half the load time, and the generator's rows are consistent by
 * construction (tests/seed checks every reference).
 */
const SKIP_TRIGGERS = "SET LOCAL session_replication_role = replica";
/** What the skipped triggers keep up to date, rebuilt for the org once its rows are in. */
const REBUILD_DERIVED = "select customer_totals_rebuild(), report_totals_rebuild()";
/** The tables those triggers keep, to analyse after a load with the loaded ones. */
export const DERIVED_TABLES = ["customer_totals", "open_deal_totals", "activity_days"];

function pgCopyTarget(client: pg.Client, superuser: boolean): Target {
  return {
    method: "copy",
    driver: "pg",
    async inOrg(orgId, fn) {
      await client.query("BEGIN");
      try {
        await client.query(SET_TENANT_SQL, [orgId]);
        if (superuser) await client.query(SKIP_TRIGGERS);
        const result = await fn({
          write: (batch) =>
            new Promise<void>((resolve, reject) => {
              const stream = client.query(copyFrom(copyStatement(batch, "STDIN")));
              stream.on("finish", resolve);
              stream.on("error", reject);
              stream.end(copyText(batch.rows));
            }),
        });
        if (superuser) await client.query(REBUILD_DERIVED);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
    orgExists: async (slug) => (await client.query("select 1 from orgs where slug = $1", [slug])).rowCount! > 0,
    analyze: async (tables) => void await client.query(`VACUUM ANALYZE ${tables.join(", ")}`),
    close: () => client.end(),
  };
}

function pgliteCopyTarget(pglite: PGlite, close: () => Promise<void>): Target {
  return {
    method: "copy",
    driver: "pglite",
    inOrg: (orgId, fn) =>
      pglite.transaction(async (tx) => {
        await tx.query(SET_TENANT_SQL, [orgId]);
        await tx.exec(SKIP_TRIGGERS);
        const result = await fn({
          write: async (batch) =>
            void await tx.query(copyStatement(batch, "'/dev/blob'"), [], { blob: new Blob([copyText(batch.rows)]) }),
        });
        await tx.query(REBUILD_DERIVED);
        return result;
      }),
    orgExists: async (slug) => (await pglite.query("select 1 from orgs where slug = $1", [slug])).rows.length > 0,
    analyze: async (tables) => void await pglite.exec(`VACUUM ANALYZE ${tables.join(", ")}`),
    close,
  };
}

export interface TargetOptions {
  databaseUrl?: string;
  driver?: Driver;
  /** PGlite data directory (`null`: in memory). */
  pgliteDir?: string | null;
  neonWsProxy?: string;
  /** Default: copy where the driver and role allow it, else insert. */
  method?: LoadMethod;
}

/** Opens the database (migrating it) and picks the load path. */
export async function openTarget(opts: TargetOptions): Promise<Target> {
  const driver = chooseDriver(opts);
  if (opts.method === "insert" || driver === "neon") {
    const database = await openDatabase({ ...opts, migrate: true });
    return insertTarget(database.db, database.driver, () => database.close());
  }
  if (driver === "pg") {
    await (await openDatabase({ ...opts, migrate: true })).close();
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    await client.connect();
    const { rows } = await client.query("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
    if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) return pgCopyTarget(client, rows[0].rolsuper);
    await client.end();
    return await openTarget({ ...opts, method: "insert" });
  }
  // PGlite holds its directory for one process: open it raw here (its default user is a superuser).
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const unlock = opts.pgliteDir ? lockDataDir(opts.pgliteDir) : () => {};
  try {
    const pglite = await PGlite.create(opts.pgliteDir ?? "memory://", { extensions: { pg_trgm } });
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    await runMigrations(db);
    return pgliteCopyTarget(pglite, async () => {
      await db.destroy();
      unlock();
    });
  } catch (err) {
    unlock();
    throw err;
  }
}
