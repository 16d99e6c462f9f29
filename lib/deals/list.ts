/**
 * The deal list: server-side filters (status, pipeline, stage, owner, words of the title), sort orders,
 * keyset pages and the count of matching deals. Each order walks an index that leads with
 * `org_id` (status or owner first when filtered by them).
 */
import { csvSource } from "../records/export.ts";
import { fractionDigits } from "../records/money.ts";
import { type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import { fromWallClock } from "../time/zones.ts";
import type { DB } from "@/db/schema.ts";
import { visibleTo } from "../records/visibility.ts";
import type { AuthContext } from "../auth/guard.ts";
import { UUID } from "../records/fields.ts";
import { countMatches, keysetPage, listParams, ownerCondition, type Sort, toPage } from "../records/list.ts";
import { matches, prefixQuery } from "../data/tsquery.ts";
import type { OrgScope } from "../data/scope.ts";
import { dealQuery } from "./deals.ts";

export const DEAL_SORTS = {
  newest: { label: "Newest", keys: [], dir: "desc" },
  oldest: { label: "Oldest", keys: [], dir: "asc" },
  value: { label: "Highest value", keys: [{ expr: sql`deals.value_minor`, type: "bigint" }], dir: "desc" },
} satisfies Record<string, Sort>;

export const DEAL_STATUSES = ["open", "won", "lost", "all"] as const;
export type DealStatusFilter = typeof DEAL_STATUSES[number];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dealListParams(url: URL) {
  const status = url.searchParams.get("status") as DealStatusFilter;
  const get = (key: string) => (url.searchParams.get(key) ?? "").trim();
  const id = (key: string) => UUID.test(get(key)) ? get(key) : "";
  const day = (key: string) => ISO_DAY.test(get(key)) && !Number.isNaN(Date.parse(get(key))) ? get(key) : "";
  return {
    ...listParams(url, DEAL_SORTS, "newest"),
    status: DEAL_STATUSES.includes(status) ? status : "open" as DealStatusFilter,
    pipeline: id("pipeline"),
    stage: id("stage"),
    // What a report's bar stands for (lib/reports/links.ts): days closed (in the org's zone) and
    // expected to close, both included; a lost reason; the owners of a team.
    closedFrom: day("closed_from"),
    closedTo: day("closed_to"),
    expectedFrom: day("expected_from"),
    expectedTo: day("expected_to"),
    reason: get("reason").slice(0, 500),
    team: get("team").slice(0, 100),
  };
}

/** The instant the day after `day` begins in `zone`. */
const dayAfter = (day: string, zone: string) =>
  fromWallClock(`${new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00`, zone);

export type DealListParams = ReturnType<typeof dealListParams>;

/** The filters every reader of the deal list takes (the app's list, its export, the API); the date, reason and team ones are the reports' drill-downs. */
export type DealListFilters =
  & Pick<DealListParams, "status" | "pipeline" | "stage" | "owner" | "q">
  & Partial<Pick<DealListParams, "closedFrom" | "closedTo" | "expectedFrom" | "expectedTo" | "reason" | "team">>;

/** The list's filters, on any select from deals. */
// deno-lint-ignore no-explicit-any
export function filtered<QB extends SelectQueryBuilder<DB, any, any>>(
  qb: QB,
  auth: AuthContext,
  p: DealListFilters,
): QB {
  let base = qb.where("deals.deleted_at", "is", null);
  if (p.status !== "all") base = base.where("deals.status", "=", p.status);
  if (p.pipeline) base = base.where("deals.pipeline_id", "=", p.pipeline);
  if (p.stage) base = base.where("deals.stage_id", "=", p.stage);
  const owner = ownerCondition("deals", p.owner, auth.user.id);
  if (owner) base = base.where(owner);
  const zone = auth.org.time_zone;
  if (p.closedFrom) base = base.where("deals.closed_at", ">=", fromWallClock(`${p.closedFrom}T00:00`, zone));
  if (p.closedTo) base = base.where("deals.closed_at", "<", dayAfter(p.closedTo, zone));
  if (p.expectedFrom) base = base.where("deals.expected_close_date", ">=", p.expectedFrom);
  if (p.expectedTo) base = base.where("deals.expected_close_date", "<=", p.expectedTo);
  if (p.reason) base = base.where("deals.lost_reason", "=", p.reason);
  if (p.team) {
    base = base.where(sql<SqlBool>`deals.owner_id IN (
      SELECT m.user_id FROM memberships m WHERE m.org_id = deals.org_id AND m.team = ${p.team})`);
  }
  const terms = prefixQuery(p.q);
  if (terms) base = base.where(matches("deals", terms));
  return base as QB;
}

function dealListQuery(q: OrgScope, auth: AuthContext, p: DealListParams) {
  return filtered(dealQuery(q, auth), auth, p);
}

export function dealCsv(auth: AuthContext, p: DealListParams) {
  return csvSource({
    name: "deals",
    table: "deals",
    sort: DEAL_SORTS[p.sort],
    query: (q) => dealListQuery(q, auth, p),
    columns: [
      ["Title", (r) => r.title],
      ["Value", (r) => r.value_minor / 10 ** fractionDigits(r.currency)],
      ["Currency", (r) => r.currency],
      ["Pipeline", (r) => r.pipeline_name],
      ["Stage", (r) => r.stage_name],
      ["Status", (r) => r.status],
      ["Lost reason", (r) => r.lost_reason],
      ["Expected close", (r) => r.expected_close_date],
      ["Closed", (r) => r.closed_at],
      ["Company", (r) => r.company_name],
      ["Contact", (r) => [r.contact_first_name, r.contact_last_name].filter(Boolean).join(" ")],
      ["Contact email", (r) => r.contact_email],
      ["Owner", (r) => r.owner_name],
      ["Created", (r) => r.created_at],
      ["Id", (r) => r.id],
    ],
  });
}

export async function listDeals(q: OrgScope, auth: AuthContext, p: DealListParams) {
  const sort = DEAL_SORTS[p.sort];
  const rows = await keysetPage(dealListQuery(q, auth, p), "deals", sort, p.after).execute();
  // Counted on deals alone: without the display joins the count reads one index.
  const total = await countMatches(q, filtered(visibleTo(q.selectFrom("deals"), "deals", auth), auth, p));
  return toPage(rows, sort, total);
}
