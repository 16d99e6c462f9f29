/**
 * Customers: companies and contacts with at least one won deal, with their lifetime value (the
 * sum of their won deals, in the org's currency) and their open deals: how many, and what they are worth.
 */
import { type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import { countMatches, keysetPage, type Page, type Sort, toPage } from "../records/list.ts";
import { inOrg } from "../records/records.ts";
import { seesAll, visibleCondition, visibleTo } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";

export type CustomerKind = "companies" | "contacts";

export interface Customer {
  id: string;
  name: string;
  lifetime_minor: number;
  won_deals: number;
  open_deals: number;
  /** What the open deals are worth, in minor units. */
  open_minor: number;
  last_won_at: Date | null;
}

export const CUSTOMER_SORT: Sort = {
  label: "Lifetime value",
  keys: [{ expr: sql`won.lifetime_minor`, type: "bigint" }],
  dir: "desc",
};

const LINK = { companies: "company_id", contacts: "contact_id" } as const;
const KIND = { companies: "company", contacts: "contact" } as const;

type Totals = Pick<Customer, "id" | "lifetime_minor" | "won_deals" | "open_deals" | "open_minor">;

/**
 * Per customer: id, lifetime value, won deals, open deals and their value. Who sees every deal
 * reads the totals the deals trigger keeps (db/migrations/0005); who sees only some has them
 * summed from the deals they may see.
 */
// deno-lint-ignore no-explicit-any
function totalsBy(q: OrgScope, auth: AuthContext, kind: CustomerKind): SelectQueryBuilder<DB, any, Totals> {
  if (seesAll(auth)) {
    return q.selectFrom("customer_totals")
      .where("customer_totals.kind", "=", KIND[kind]).where("customer_totals.won_deals", ">", 0)
      .select([
        "customer_totals.record_id as id",
        "customer_totals.won_minor as lifetime_minor",
        "customer_totals.won_deals",
        "customer_totals.open_deals",
        "customer_totals.open_minor",
      ]);
  }
  const link = sql.ref(`deals.${LINK[kind]}`);
  const won = visibleTo(q.selectFrom("deals"), "deals", auth)
    .where("deals.status", "=", "won").where("deals.deleted_at", "is", null)
    .where(link, "is not", null)
    .select([
      sql<string>`${link}`.as("id"),
      sql<number>`sum(deals.value_minor)::bigint`.as("lifetime_minor"),
      sql<number>`count(*)::int`.as("won_deals"),
    ])
    .groupBy(link);
  const open = (aggregate: string) =>
    sql<number>`(SELECT ${sql.raw(aggregate)} FROM deals WHERE deals.org_id = ${q.orgId}
      AND ${link} = w.id AND deals.status = 'open' AND deals.deleted_at IS NULL
      AND ${visibleCondition(auth, "deals")})`;
  return q.trx.selectFrom(won.as("w"))
    .select(["w.id", "w.lifetime_minor", "w.won_deals"])
    .select([
      open("count(*)::int").as("open_deals"),
      open("coalesce(sum(deals.value_minor), 0)::bigint").as("open_minor"),
    ]);
}

/** The customers `auth` may see: visible companies (or contacts) joined to their totals. */
function customersQuery(q: OrgScope, auth: AuthContext, kind: CustomerKind) {
  const people = kind === "contacts";
  const records = visibleTo(
    q.selectFrom(kind as "companies").where(sql.ref(`${kind}.deleted_at`), "is", null),
    kind,
    auth,
  ).select([
    sql.ref(`${kind}.id`).as("id"),
    (people ? sql<string>`trim(contacts.first_name || ' ' || contacts.last_name)` : sql<string>`companies.name`)
      .as("name"),
  ]);
  const lastWon = sql<Date | null>`(SELECT max(deals.closed_at) FROM deals WHERE deals.org_id = ${q.orgId}
    AND deals.${sql.raw(LINK[kind])} = won.id AND deals.status = 'won' AND deals.deleted_at IS NULL
    AND ${visibleCondition(auth, "deals")})`;
  return q.trx.selectFrom(totalsBy(q, auth, kind).as("won"))
    .innerJoin(records.as("c"), "c.id", "won.id")
    .select(["won.id", "c.name", "won.lifetime_minor", "won.won_deals", "won.open_deals", "won.open_minor"])
    .select(lastWon.as("last_won_at"));
}

export async function listCustomers(auth: AuthContext, kind: CustomerKind, after: string | null) {
  return await inOrg(auth, async (q): Promise<Page<Customer>> => {
    const query = customersQuery(q, auth, kind);
    const rows = await keysetPage(query, "won", CUSTOMER_SORT, after).execute();
    const total = await countMatches(q, query);
    return toPage(rows as Customer[], CUSTOMER_SORT, total);
  });
}
