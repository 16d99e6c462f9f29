/**
 * "Test a rule" against a chosen record, and the preview of a template against a real record: what
 * each action would do, computed with the same code a run uses, in a transaction that is rolled back
 * (nothing is sent, written or enqueued).
 */
import { type OrgScope, withOrg } from "../data/scope.ts";
import { HttpError } from "../fresh/errors.ts";
import { actionDefinition, ActionError } from "./actions/registry.ts";
import { evaluate } from "./conditions.ts";
import { recordFacts } from "./facts.ts";
import { referencedIds, referenceNames, type Rule } from "./rules_read.ts";
import { render, renderLine, templateError } from "./templates.ts";
import { type RecordKind, TRIGGERS } from "./triggers.ts";

export interface RuleTest {
  record: string;
  conditions: { label: string; held: boolean }[];
  matched: boolean;
  actions: { label: string; outcome: string; ok: boolean }[];
}

class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back");
  }
}

/** Runs `fn` in the org and rolls its transaction back, whatever it did. */
export async function dryRun<R>(orgId: string, userId: string, fn: (q: OrgScope) => Promise<R>): Promise<R> {
  try {
    await withOrg({ orgId, userId }, async (q) => {
      throw new RolledBack(await fn(q));
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.value as R;
    throw err;
  }
  throw new Error("unreachable");
}

async function factsOf(q: OrgScope, record: RecordKind, recordId: string) {
  const facts = await recordFacts(q, record, recordId);
  if (!facts) throw new HttpError(422, `No such ${record}: choose one of this organisation's`);
  return facts;
}

/** What the rule would do for the record now (its trigger taken as having happened). */
export async function testRule(q: OrgScope, rule: Rule, recordId: string): Promise<RuleTest> {
  const facts = await factsOf(q, TRIGGERS[rule.trigger_type].record, recordId);
  const { results, matched } = evaluate(
    rule.match,
    rule.conditions,
    facts,
    await referenceNames(q, referencedIds(rule)),
  );
  const actions: RuleTest["actions"] = [];
  for (const [position, config] of rule.actions.entries()) {
    const definition = actionDefinition(config.type);
    if (!definition) {
      actions.push({ label: config.type, outcome: "This action is no longer available", ok: false });
      continue;
    }
    try {
      const plan = await definition.plan(q, config, { facts, ruleId: rule.id, ruleName: rule.name, position });
      actions.push({ label: definition.label, outcome: plan.summary, ok: true });
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      actions.push({ label: definition.label, outcome: err.message, ok: false });
    }
  }
  return { record: facts.title, conditions: results, matched, actions };
}

export type Preview = { ok: true; subject: string; body: string } | { ok: false; errors: Record<string, string> };

/** A subject and body rendered for a real record, or the merge-field errors saving would give. */
export async function previewTemplate(
  q: OrgScope,
  record: RecordKind,
  recordId: string,
  subject: string,
  body: string,
): Promise<Preview> {
  const errors: Record<string, string> = {};
  const subjectError = templateError(subject, record);
  const bodyError = templateError(body, record);
  if (subjectError) errors.subject = subjectError;
  if (bodyError) errors.body = bodyError;
  const facts = await recordFacts(q, record, recordId);
  if (!facts) errors.preview_record = `Choose a ${record} of this organisation`;
  if (!facts || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, subject: renderLine(subject, facts.merge), body: render(body, facts.merge) };
}
