/**
 * What a report counts: the rows the viewer may see (the same rule as every list,
 * lib/records/visibility.ts), narrowed by the report's owner, team and pipeline filters, in the
 * org's currency (amounts in other currencies are not added to it).
 */
import { type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import type { DB } from "@/db/schema.ts";
import { type Viewer, visibleTo } from "../records/visibility.ts";
import type { ReportFilters } from "./filters.ts";

export interface ReportScope {
  viewer: Viewer;
  filters: ReportFilters;
  currency: string;
  zone: string;
}

type ReportTable = "deals" | "leads" | "open_deal_totals" | "activity_days";
const WITH_PIPELINE = new Set<ReportTable>(["deals", "open_deal_totals"]);

// deno-lint-ignore no-explicit-any
export function scoped<QB extends SelectQueryBuilder<DB, any, any>>(qb: QB, table: ReportTable, s: ReportScope): QB {
  const { owner, team, pipeline } = s.filters;
  const column = (name: string) => sql.ref(`${table}.${name}`);
  // deno-lint-ignore no-explicit-any
  let out: SelectQueryBuilder<DB, any, any> = visibleTo(qb, table, s.viewer);
  if (owner) out = out.where(sql<SqlBool>`${column("owner_id")} = ${owner}`);
  if (team) {
    out = out.where(sql<SqlBool>`${column("owner_id")} IN (
      SELECT m.user_id FROM memberships m WHERE m.org_id = ${column("org_id")} AND m.team = ${team})`);
  }
  if (pipeline && WITH_PIPELINE.has(table)) out = out.where(sql<SqlBool>`${column("pipeline_id")} = ${pipeline}`);
  if (WITH_PIPELINE.has(table)) out = out.where(sql<SqlBool>`${column("currency")} = ${s.currency}`);
  return out as QB;
}
