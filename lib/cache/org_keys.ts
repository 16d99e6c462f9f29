/**
 * Cache keys of an org's computed values. They start with the org's data version, a counter that
 * every committed change to its deals, leads, activities, pipelines, stages or members raises
 * (triggers of db/migrations/0009_reports.ts): after a change, old keys are never read again.
 */
import type { OrgScope } from "../data/scope.ts";

/** Read before the data a key names is read (same transaction or an earlier one), so no value is older than its key. */
export async function orgKeyPrefix(q: OrgScope): Promise<string> {
  const row = await q.selectFrom("org_data_versions").select("version").executeTakeFirst();
  return `nexacrm:${q.orgId}:v${row?.version ?? 0}`;
}
