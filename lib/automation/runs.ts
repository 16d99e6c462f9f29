/** The run log: every run, newest first, with its conditions and each action's result; retry of a failed action. */
import type { AutomationRunStatus } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { actionDefinition } from "./actions/registry.ts";

export const RUNS_PAGE_SIZE = 30;

export interface ActionResult {
  position: number;
  label: string;
  status: "pending" | "succeeded" | "failed";
  summary: string | null;
  error: string | null;
  duration_ms: number | null;
  attempts: number;
}

export interface RunEntry {
  id: string;
  rule_id: string;
  rule_name: string;
  event_label: string;
  record_type: string;
  record_id: string;
  depth: number;
  conditions: { label: string; held: boolean }[];
  status: AutomationRunStatus;
  note: string | null;
  created_at: Date;
  actions: ActionResult[];
}

/** A page of runs (of one rule, or all), newest first by id; `before` is the previous page's `next`. */
export async function listRuns(q: OrgScope, before: string | null, ruleId: string | null = null) {
  let query = q.selectFrom("automation_runs")
    .innerJoin("automation_rules", "automation_rules.id", "automation_runs.rule_id")
    .select([
      "automation_runs.id",
      "automation_runs.rule_id",
      "automation_rules.name as rule_name",
      "automation_runs.event_label",
      "automation_runs.record_type",
      "automation_runs.record_id",
      "automation_runs.chain",
      "automation_runs.conditions",
      "automation_runs.status",
      "automation_runs.note",
      "automation_runs.created_at",
    ])
    .orderBy("automation_runs.id", "desc").limit(RUNS_PAGE_SIZE + 1);
  if (before) query = query.where("automation_runs.id", "<", before);
  if (ruleId) query = query.where("automation_runs.rule_id", "=", ruleId);
  const rows = await query.execute();
  const page = rows.slice(0, RUNS_PAGE_SIZE);
  const results = page.length
    ? await q.selectFrom("automation_action_results")
      .select(["run_id", "position", "type", "status", "summary", "error", "duration_ms", "attempts"])
      .where("run_id", "in", page.map((r) => r.id)).orderBy("run_id").orderBy("position").execute()
    : [];
  const items: RunEntry[] = page.map(({ chain, ...r }) => ({
    ...r,
    depth: chain.length + 1,
    actions: results.filter((a) => a.run_id === r.id).map(({ run_id: _, type, ...a }) => ({
      ...a,
      label: actionDefinition(type)?.label ?? type,
    })),
  }));
  return { items, next: rows.length > RUNS_PAGE_SIZE ? page[page.length - 1].id : null };
}

/**
 * Queues a failed action of a run to be done again (alone: the run's other actions are left as they
 * are). False when the run has no failed action at this position.
 */
export async function retryAction(q: OrgScope, runId: string, position: number): Promise<boolean> {
  const row = await q.updateTable("automation_action_results")
    .set({ status: "pending", updated_at: new Date() })
    .where("run_id", "=", runId).where("position", "=", position).where("status", "=", "failed")
    .returning("attempts").executeTakeFirst();
  if (!row) return false;
  await q.updateTable("automation_runs").set({ status: "running", finished_at: null }).where("id", "=", runId)
    .execute();
  await enqueue(q, "automation.action", { run_id: runId, position }, {
    key: `automation-retry:${runId}:${position}:${row.attempts}`,
  });
  return true;
}
