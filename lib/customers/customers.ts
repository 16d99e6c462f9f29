/**
 * Customers: companies and contacts with at least one won deal, with their lifetime value (the
 * sum of their won deals, in the org's currency) and their open deals: how many, and what they are worth.
 */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { countMatches, keysetPage, type Page, type Sort, toPage } from "../records/list.ts";
import { inOrg } from "../records/records.ts";
import { visibleCondition, visibleTo } from "../records/visibility.ts";
import type { OrgScope } from "../tenancy/scope.ts";

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

/** Won deals (the user may see) summed per company or contact. */
function wonBy(q: OrgScope, auth: AuthContext, kind: CustomerKind) {
  const link = sql.ref(`deals.${LINK[kind]}`);
  return visibleTo(q.selectFrom("deals"), "deals", auth)
    .where("deals.status", "=", "won").where("deals.deleted_at", "is", null)
    .where(link, "is not", null)
    .select([
      link.as("customer_id"),
      sql<number>`sum(deals.value_minor)::bigint`.as("lifetime_minor"),
      sql<number>`count(*)::int`.as("won_deals"),
      sql<Date | null>`max(deals.closed_at)`.as("last_won_at"),
    ])
    .groupBy(link);
}

/** The customers `auth` may see: visible companies (or contacts) joined to their visible won deals. */
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
  const link = sql.raw(LINK[kind]);
  const open = (aggregate: string) =>
    sql`(SELECT ${sql.raw(aggregate)} FROM deals WHERE deals.org_id = ${q.orgId} AND deals.${link} = c.id
      AND deals.status = 'open' AND deals.deleted_at IS NULL AND ${visibleCondition(auth, "deals")})`;
  return q.trx.selectFrom(wonBy(q, auth, kind).as("won"))
    .innerJoin(records.as("c"), "c.id", "won.customer_id")
    .select(["c.id", "c.name", "won.lifetime_minor", "won.won_deals", "won.last_won_at"])
    .select([
      open("count(*)::int").$castTo<number>().as("open_deals"),
      open("coalesce(sum(deals.value_minor), 0)::bigint").$castTo<number>().as("open_minor"),
    ]);
}

export async function listCustomers(auth: AuthContext, kind: CustomerKind, after: string | null) {
  return await inOrg(auth, async (q): Promise<Page<Customer>> => {
    const query = customersQuery(q, auth, kind);
    const rows = await keysetPage(query, "c", CUSTOMER_SORT, after).execute();
    const total = await countMatches(q, query);
    return toPage(rows as Customer[], CUSTOMER_SORT, total);
  });
}
