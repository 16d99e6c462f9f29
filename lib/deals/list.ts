/**
 * The deal list: server-side filters (status, pipeline, stage, owner, words of the title), sort orders,
 * keyset pages and the count of matching deals. Each order walks an index that leads with
 * `org_id` (status or owner first when filtered by them).
 */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { keysetPage, listParams, ownerCondition, type Sort, toPage, UUID } from "../records/list.ts";
import { matches, prefixQuery } from "../search/tsquery.ts";
import type { OrgScope } from "../tenancy/scope.ts";
import { dealQuery } from "./deals.ts";

export const DEAL_SORTS = {
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
  value: { label: "Highest value", keys: [{ expr: sql`deals.value_minor`, type: "bigint" }], dir: "desc" },
} satisfies Record<string, Sort>;
export type DealSort = keyof typeof DEAL_SORTS;

export const DEAL_STATUSES = ["open", "won", "lost", "all"] as const;
export type DealStatusFilter = typeof DEAL_STATUSES[number];

export function dealListParams(url: URL) {
  const status = url.searchParams.get("status") as DealStatusFilter;
  const id = (key: string) => UUID.test(url.searchParams.get(key) ?? "") ? url.searchParams.get(key)! : "";
  return {
    ...listParams(url, DEAL_SORTS, "newest"),
    status: DEAL_STATUSES.includes(status) ? status : "open" as DealStatusFilter,
    pipeline: id("pipeline"),
    stage: id("stage"),
  };
}

export type DealListParams = ReturnType<typeof dealListParams>;

export async function listDeals(q: OrgScope, auth: AuthContext, p: DealListParams) {
  let base = dealQuery(q, auth).where("deals.deleted_at", "is", null);
  if (p.status !== "all") base = base.where("deals.status", "=", p.status);
  if (p.pipeline) base = base.where("deals.pipeline_id", "=", p.pipeline);
  if (p.stage) base = base.where("deals.stage_id", "=", p.stage);
  const owner = ownerCondition("deals", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const terms = prefixQuery(p.q);
  if (terms) base = base.where(matches("deals", terms));

  const sort = DEAL_SORTS[p.sort];
  const rows = await keysetPage(base, "deals", sort, p.after).execute();
  const { total } = await base.clearSelect().select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  return toPage(rows, sort, total);
}
