/**
 * Who sees which owned records. With the org's `visibility = 'own'`, members see only records
 * they own or that a teammate (same `memberships.team`) owns; admins and owners see everything.
 * Applied in the data layer: every list, search and record read goes through it.
 */
import { type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import type { DB, Role } from "@/db/schema.ts";
import { can } from "../auth/permissions.ts";

/** The parts of the request's `AuthContext` the rule needs (an `AuthContext` is one). */
export interface Viewer {
  user: { id: string };
  org: { visibility: "all" | "own" };
  role: Role;
  team: string | null;
}

/** Tables whose rows have an owner the visibility rule applies to (the last two: report totals per owner). */
export type OwnedTable =
  | "companies"
  | "contacts"
  | "leads"
  | "deals"
  | "activities"
  | "open_deal_totals"
  | "activity_days";

export function seesAll(viewer: Viewer): boolean {
  return viewer.org.visibility === "all" || can(viewer.role, "records.view_all");
}

/** The condition a row of `table` must meet for `viewer` to see it (`true` when they see all). */
export function visibleCondition(viewer: Viewer, table: OwnedTable) {
  if (seesAll(viewer)) return sql<SqlBool>`true`;
  const owner = sql.ref(`${table}.owner_id`);
  if (!viewer.team) return sql<SqlBool>`${owner} = ${viewer.user.id}`;
  return sql<SqlBool>`(${owner} = ${viewer.user.id} OR ${owner} IN (
    SELECT m.user_id FROM memberships m WHERE m.org_id = ${sql.ref(`${table}.org_id`)} AND m.team = ${viewer.team}))`;
}

/** Restricts a select on an owned table (from `OrgScope.selectFrom`) to what `viewer` may see. */
// deno-lint-ignore no-explicit-any
export function visibleTo<QB extends SelectQueryBuilder<DB, any, any>>(
  qb: QB,
  table: OwnedTable,
  viewer: Viewer,
): QB {
  return seesAll(viewer) ? qb : qb.where(visibleCondition(viewer, table)) as QB;
}
