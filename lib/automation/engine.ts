/**
 * Running rules, in jobs only. An event's job evaluates the org's active rules for its trigger: each
 * rule gets one run per event (the run's unique key), with its conditions' results, and one result
 * row per action. Each action is done in its own transaction, which also marks it done, so a retried
 * job or a second runner never does an action twice; a failure is recorded on the action (retry it
 * from the run log) and the next actions still run.
 */
import { type OrgScope, withOrg } from "../data/scope.ts";
import { HttpError } from "../fresh/errors.ts";
import { actionDefinition, ActionError } from "./actions/registry.ts";
import { type ChainLink, cutReason, withChain } from "./chain.ts";
import { evaluate } from "./conditions.ts";
import { type RecordFacts, recordFacts } from "./facts.ts";
import { activeRules, findRule, referencedIds, referenceNames, type Rule } from "./rules_read.ts";
import { type AutomationEvent, type RecordKind, triggerHolds, TRIGGERS } from "./triggers.ts";

export function eventLabel(event: AutomationEvent, facts: RecordFacts): string {
  const what = event.trigger === "deal.stage_changed"
    ? `Deal moved${event.detail.from ? ` from ${event.detail.from}` : ""} to ${event.detail.to}`
    : TRIGGERS[event.trigger].label;
  return `${what}: “${facts.title}”`;
}

/** The run for this rule and event: made now (null when the trigger does not apply), or the one made before. */
async function openRun(q: OrgScope, rule: Rule, event: AutomationEvent, chain: ChainLink[]) {
  const existing = await q.selectFrom("automation_runs").select(["id", "status"])
    .where("rule_id", "=", rule.id).where("event_id", "=", event.id).executeTakeFirst();
  if (existing) return existing;
  const facts = await recordFacts(q, event.recordType, event.recordId);
  if (!facts || !triggerHolds(rule.trigger, event, facts)) return null;
  const cut = cutReason(chain, rule.id, event.recordId);
  const { results, matched } = cut
    ? { results: [], matched: false }
    : evaluate(rule.match, rule.conditions, facts, await referenceNames(q, referencedIds(rule)));
  const status = cut ? "cut" : matched ? "running" : "not_matched";
  const run = await q.insertInto("automation_runs", {
    rule_id: rule.id,
    event_id: event.id,
    event_label: eventLabel(event, facts),
    record_type: event.recordType,
    record_id: event.recordId,
    chain: JSON.stringify(chain),
    conditions: JSON.stringify(results),
    status,
    note: cut,
    finished_at: status === "running" ? null : new Date(),
  }).onConflict((oc) => oc.doNothing()).returning(["id", "status"]).executeTakeFirst();
  if (!run) return null; // another runner made it meanwhile, and runs it
  if (status === "running") {
    await q.insertInto(
      "automation_action_results",
      rule.actions.map((a, position) => ({ run_id: run.id, position, type: a.type, status: "pending" as const })),
    ).execute();
  }
  return run;
}

/** Evaluates the org's active rules for the event (or only `ruleId`), running the actions of those that match. */
export async function evaluateEvent(
  orgId: string,
  event: AutomationEvent,
  chain: ChainLink[],
  ruleId?: string,
): Promise<void> {
  const rules = await withOrg({ orgId }, (q) => activeRules(q, event.trigger, ruleId));
  for (const rule of rules) {
    const run = await withOrg({ orgId }, (q) => openRun(q, rule, event, chain));
    if (run?.status !== "running") continue;
    const pending = await withOrg(
      { orgId },
      (q) =>
        q.selectFrom("automation_action_results").select("position").where("run_id", "=", run.id)
          .where("status", "!=", "succeeded").orderBy("position").execute(),
    );
    for (const { position } of pending) await runAction(orgId, run.id, position);
    await finishRun(orgId, run.id);
  }
}

const message = (err: unknown) => err instanceof Error ? err.message : String(err);

/**
 * Does one action of a run, unless it is done already: in one transaction with the row lock on its
 * result, so the action and "done" commit together. A failure is recorded on the result.
 */
export async function runAction(orgId: string, runId: string, position: number): Promise<void> {
  const run = await withOrg(
    { orgId },
    (q) =>
      q.selectFrom("automation_runs").select(["rule_id", "record_type", "record_id", "chain"]).where("id", "=", runId)
        .executeTakeFirst(),
  );
  if (!run) return;
  const chain = [...run.chain, { rule_id: run.rule_id, record_id: run.record_id }];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    await withChain(chain, () =>
      withOrg({ orgId }, async (q) => {
        const result = await q.selectFrom("automation_action_results").select(["status", "type"])
          .where("run_id", "=", runId).where("position", "=", position).forUpdate().executeTakeFirst();
        if (!result || result.status === "succeeded") return;
        const summary = await performAction(q, run.rule_id, run.record_type as RecordKind, run.record_id, position);
        await q.updateTable("automation_action_results").set((eb) => ({
          status: "succeeded",
          summary,
          error: null,
          duration_ms: elapsed(),
          attempts: eb("attempts", "+", 1),
          updated_at: new Date(),
        })).where("run_id", "=", runId).where("position", "=", position).execute();
      }));
  } catch (err) {
    const expected = err instanceof ActionError || err instanceof HttpError;
    if (!expected) console.error(`automation: action ${position} of run ${runId} failed:`, err);
    await withOrg({ orgId }, (q) =>
      q.updateTable("automation_action_results").set((eb) => ({
        status: "failed",
        error: message(err).slice(0, 2000),
        duration_ms: elapsed(),
        attempts: eb("attempts", "+", 1),
        updated_at: new Date(),
      })).where("run_id", "=", runId).where("position", "=", position).execute());
  }
}

async function performAction(q: OrgScope, ruleId: string, recordType: RecordKind, recordId: string, position: number) {
  const rule = await findRule(q, ruleId);
  const config = rule?.actions[position];
  if (!config) throw new ActionError("The rule no longer has this action");
  const definition = actionDefinition(config.type);
  if (!definition) throw new ActionError(`No action “${config.type}” is available`);
  const facts = await recordFacts(q, recordType, recordId);
  if (!facts) throw new ActionError("The record was deleted");
  const plan = await definition.plan(q, config, { facts, ruleId, ruleName: rule.name, position });
  await plan.perform?.(q);
  return plan.summary;
}

/** A run's status once its actions are through: failed while any action is. */
export async function finishRun(orgId: string, runId: string): Promise<void> {
  await withOrg({ orgId }, async (q) => {
    const results = await q.selectFrom("automation_action_results").select("status").where("run_id", "=", runId)
      .execute();
    const status = results.some((r) => r.status !== "succeeded") ? "failed" : "succeeded";
    await q.updateTable("automation_runs").set({ status, finished_at: new Date() }).where("id", "=", runId)
      .execute();
  });
}
