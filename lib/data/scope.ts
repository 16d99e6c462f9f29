/**
 * The one way to reach tenant data. `withOrg` opens a transaction with the tenant set for
 * row-level security, and hands out an `OrgScope` whose builders add `org_id = …` themselves,
 * so a query can neither forget its tenant nor see another's (RLS is the second wall: without
 * `withOrg`, a tenant table shows no rows at all).
 */
import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from "kysely";
import type { DB, TenantTable } from "@/db/schema.ts";
import { services } from "./services.ts";

export interface TenantContext {
  orgId: string;
  /** The acting user, if any: recorded as actor and used by per-user visibility rules. */
  userId?: string | null;
}

// Kysely cannot type a column reference built from a generic table name; the casts stay here.
// deno-lint-ignore no-explicit-any
type Any = any;

/**
 * Work that must follow the transaction only if it commits (handing a new job to its dispatcher):
 * run after the commit, in order, each failure logged (the change is already committed).
 */
class AfterCommit {
  #hooks: (() => unknown)[] = [];

  afterCommit(fn: () => unknown): void {
    this.#hooks.push(fn);
  }

  async runAfterCommit(): Promise<void> {
    for (const fn of this.#hooks.splice(0)) {
      try {
        await fn();
      } catch (err) {
        console.error("after commit:", err);
      }
    }
  }
}

/**
 * Opens a transaction, prepares it and makes its scope (null: nothing to do, `fn` is not called),
 * hands `fn` the scope, and runs the scope's after-commit work once the transaction has committed.
 */
async function inTransaction<S extends AfterCommit, R>(
  open: (trx: Transaction<DB>) => Promise<S | null>,
  fn: (scope: S) => Promise<R>,
): Promise<R | null> {
  let scope: S | null = null;
  const result = await services().db.transaction().execute(async (trx) => {
    scope = await open(trx);
    return scope ? await fn(scope) : null;
  });
  await (scope as S | null)?.runAfterCommit();
  return result;
}

export class OrgScope extends AfterCommit {
  constructor(readonly trx: Transaction<DB>, readonly orgId: string, readonly userId: string | null) {
    super();
  }

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<DB, T, Record<never, never>> {
    return (this.trx.selectFrom(table) as Any).where(`${table}.org_id`, "=", this.orgId);
  }

  insertInto<T extends TenantTable>(
    table: T,
    values: Omit<Insertable<DB[T]>, "org_id"> | Omit<Insertable<DB[T]>, "org_id">[],
  ): InsertQueryBuilder<DB, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, org_id: this.orgId }));
    return (this.trx.insertInto(table) as Any).values(rows);
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult> {
    return (this.trx.updateTable(table) as Any).where(`${table}.org_id`, "=", this.orgId);
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    return (this.trx.deleteFrom(table) as Any).where(`${table}.org_id`, "=", this.orgId);
  }
}

/**
 * The statement that sets the tenant for the rest of a transaction, for bulk writers outside `withOrg`
 * (the seed): as SQL text for a raw driver client (`$1` is the org id), and as a Kysely statement.
 */
export const SET_TENANT_SQL = "select set_config('app.org_id', $1, true)";
export const tenantStatement = (orgId: string) => sql`select set_config('app.org_id', ${orgId}, true)`;

/** Sets the tenant row-level security reads, for the rest of the transaction (`orgId`: value or expression). */
const setTenant = (orgId: string | RawBuilder<string>, userId: string | RawBuilder<string> | null | undefined) =>
  sql<string>`set_config('app.org_id', ${orgId}, true) || set_config('app.user_id', ${userId ?? ""}, true)`;

export async function withOrg<R>(tenant: TenantContext, fn: (q: OrgScope) => Promise<R>): Promise<R> {
  return await inTransaction(async (trx) => {
    await sql`select ${setTenant(tenant.orgId, tenant.userId)}`.execute(trx);
    return new OrgScope(trx, tenant.orgId, tenant.userId ?? null);
  }, fn) as R;
}

/**
 * As `withOrg`, for the org with this slug, which the statement setting the tenant also finds (one
 * round trip, not two, before every workspace page). `fn` gets the org's row; null when no org has the slug.
 */
export async function withOrgBySlug<R>(
  slug: string,
  userId: string,
  fn: (q: OrgScope, org: OrgRow) => Promise<R>,
): Promise<R | null> {
  let org: OrgRow | undefined;
  return await inTransaction(async (trx) => {
    const found = await trx.selectFrom("orgs")
      .select(["id", "name", "slug", "currency", "visibility", "rotting_days", "time_zone"])
      .select(setTenant(sql<string>`orgs.id::text`, userId).as("tenant"))
      .where("slug", "=", slug.toLowerCase())
      .executeTakeFirst();
    if (!found) return null;
    const { tenant: _tenant, ...row } = found;
    org = row;
    return new OrgScope(trx, row.id, userId);
  }, (q) => fn(q, org!));
}

export type OrgRow = {
  id: string;
  name: string;
  slug: string;
  currency: string;
  visibility: "all" | "own";
  rotting_days: number;
  time_zone: string;
};

export interface ApiKeyRow {
  id: string;
  user_id: string;
  scope: "read" | "write";
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/**
 * For an API request: the transaction of the org whose key has this hash. Row-level security shows that key's row
 * by its hash alone (see 0010_api), and the statement that finds it sets its org and its user as the tenant.
 * `fn` gets the key and its org; null when no key has the hash.
 */
export async function withApiKey<R>(
  tokenHash: string,
  fn: (q: OrgScope, key: ApiKeyRow, org: OrgRow) => Promise<R>,
): Promise<R | null> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.api_key_hash', ${tokenHash}, true)`.execute(trx);
    const found = await trx.selectFrom("api_keys")
      .innerJoin("orgs", "orgs.id", "api_keys.org_id")
      .select(["api_keys.id", "api_keys.user_id", "api_keys.scope", "api_keys.expires_at", "api_keys.last_used_at"])
      .select(["api_keys.revoked_at", "orgs.id as org_id", "orgs.name", "orgs.slug", "orgs.currency"])
      .select(["orgs.visibility", "orgs.rotting_days", "orgs.time_zone"])
      .select(setTenant(sql<string>`api_keys.org_id::text`, sql<string>`api_keys.user_id::text`).as("tenant"))
      .where("api_keys.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!found) return null;
    const { tenant: _tenant, org_id, name, slug, currency, visibility, rotting_days, time_zone, ...key } = found;
    const org = { id: org_id, name, slug, currency, visibility, rotting_days, time_zone };
    return await fn(new OrgScope(trx, org.id, key.user_id), key, org);
  });
}

/**
 * For a purge across orgs: a transaction in which row-level security shows the purgeable rows of `table`
 * in every org (expired idempotency entries, see 0010_api; deliveries past 30 days, see 0011_webhooks; exports
 * past 7 days, see 0015_exports) and
 * no other row.
 */
export async function asPurgeOf<R>(
  table: "api_idempotency" | "webhook_deliveries" | "exports",
  fn: (trx: Transaction<DB>) => Promise<R>,
): Promise<R> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.purge', ${table}, true)`.execute(trx);
    return await fn(trx);
  });
}

export const asIdempotencyPurge = <R>(fn: (trx: Transaction<DB>) => Promise<R>) => asPurgeOf("api_idempotency", fn);
/**
 * For automation's periodic scan: a transaction in which row-level security shows every org's
 * automation rules (to find the orgs with time-based rules) and no other tenant row (see 0012_automation).
 */
export async function asAutomationScan<R>(fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.automation', 'scan', true)`.execute(trx);
    return await fn(trx);
  });
}

/** For reads of one user's own memberships across orgs (the org switcher), with no tenant set. */
export async function asUser<R>(userId: string, fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.user_id', ${userId}, true)`.execute(trx);
    return await fn(trx);
  });
}

/**
 * For the Stripe webhook, which knows only a customer id: a transaction in which row-level security
 * shows the billing row of that customer and nothing else (the one RLS exception, see 0004_billing).
 */
export async function asStripeCustomer<R>(customerId: string, fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.stripe_customer_id', ${customerId}, true)`.execute(trx);
    return await fn(trx);
  });
}

/**
 * Platform work outside any org (sign-up, password reset): a transaction in which row-level security
 * shows the platform's own jobs (`org_id` null) and no org's, so such work can enqueue its jobs.
 */
export class PlatformScope extends AfterCommit {
  constructor(readonly trx: Transaction<DB>) {
    super();
  }
}

export async function asPlatform<R>(fn: (q: PlatformScope) => Promise<R>): Promise<R> {
  return await inTransaction(async (trx) => {
    await sql`select set_config('app.jobs', 'platform', true)`.execute(trx);
    return new PlatformScope(trx);
  }, fn) as R;
}

/** For the job runners (the worker, the QStash callback and sweep, the health check): every org's jobs. */
export async function asJobRunner<R>(fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return await services().db.transaction().execute(async (trx) => {
    await sql`select set_config('app.jobs', 'runner', true)`.execute(trx);
    return await fn(trx);
  });
}
