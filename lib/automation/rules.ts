/**
 * Managing an org's rules (admins): list, save (checked; the plan's limit on active rules enforced),
 * switch on or off, delete. Every change is in the audit log.
 */
import { audit } from "../audit/log.ts";
import { checkLimit } from "../billing/limits.ts";
import { billingStatus } from "../billing/status.ts";
import type { OrgScope } from "../data/scope.ts";
import { notFound } from "../fresh/errors.ts";
import { type FieldErrors, type FormValues } from "../http/forms.ts";
import type { Actor } from "../tenancy/members.ts";
import { readRule } from "./rule_form.ts";
import { ruleQuery } from "./rules_read.ts";
import { TRIGGERS } from "./triggers.ts";

export interface RuleSummary {
  id: string;
  name: string;
  trigger: string;
  active: boolean;
  actions: number;
  updated_at: Date;
}

export async function listRules(q: OrgScope): Promise<RuleSummary[]> {
  const rules = await ruleQuery(q).select("updated_at").orderBy("id", "desc").limit(500).execute();
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    trigger: TRIGGERS[r.trigger_type]?.label ?? r.trigger_type,
    active: r.active,
    actions: r.actions.length,
    updated_at: r.updated_at,
  }));
}

/** The rules page: the rules, and how many active rules the plan allows. */
export async function rulesOverview(q: OrgScope) {
  const rules = await listRules(q);
  const status = await billingStatus(q);
  return {
    rules,
    active: rules.filter((r) => r.active).length,
    limit: status.plan.limits.automationRules,
    plan: status.plan.name,
  };
}

/** Refuses one more active rule than the plan allows (a 402 naming the upgrade). */
async function assertRuleRoom(q: OrgScope, except: string | null): Promise<void> {
  let query = q.selectFrom("automation_rules").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("active", "=", true);
  if (except) query = query.where("id", "!=", except);
  const { n } = await query.executeTakeFirstOrThrow();
  checkLimit(await billingStatus(q), "automationRules", Number(n) + 1);
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** Creates (id null) or replaces a rule from the editor's form. */
export async function saveRule(q: OrgScope, actor: Actor, id: string | null, values: FormValues): Promise<SaveResult> {
  const read = await readRule(q, values);
  if (!read.ok) return read;
  const { rule } = read;
  if (id && !await ruleQuery(q).where("id", "=", id).forUpdate().executeTakeFirst()) throw notFound();
  if (rule.active) await assertRuleRoom(q, id);
  const row = {
    name: rule.name,
    trigger_type: rule.trigger_type,
    trigger: JSON.stringify(rule.trigger),
    match: rule.match,
    conditions: JSON.stringify(rule.conditions),
    actions: JSON.stringify(rule.actions),
    active: rule.active,
  };
  const saved = id
    ? await q.updateTable("automation_rules").set({ ...row, updated_at: new Date() }).where("id", "=", id)
      .returning("id").executeTakeFirstOrThrow()
    : await q.insertInto("automation_rules", { ...row, created_by: actor.id }).returning("id")
      .executeTakeFirstOrThrow();
  await audit(q, {
    actorId: actor.id,
    action: id ? "automation.rule_updated" : "automation.rule_created",
    target: rule.name,
    detail: { rule_id: saved.id, trigger: rule.trigger_type, active: rule.active, actions: rule.actions.length },
    ip: actor.ip,
  });
  return { ok: true, id: saved.id };
}

export async function setRuleActive(q: OrgScope, actor: Actor, id: string, active: boolean): Promise<void> {
  const rule = await ruleQuery(q).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!rule) throw notFound();
  if (rule.active === active) return;
  if (active) await assertRuleRoom(q, id);
  await q.updateTable("automation_rules").set({ active, updated_at: new Date() }).where("id", "=", id).execute();
  await audit(q, {
    actorId: actor.id,
    action: active ? "automation.rule_activated" : "automation.rule_paused",
    target: rule.name,
    detail: { rule_id: id },
    ip: actor.ip,
  });
}

export async function deleteRule(q: OrgScope, actor: Actor, id: string): Promise<void> {
  const rule = await q.deleteFrom("automation_rules").where("id", "=", id).returning("name").executeTakeFirst();
  if (!rule) throw notFound();
  await audit(q, {
    actorId: actor.id,
    action: "automation.rule_deleted",
    target: rule.name,
    detail: { rule_id: id },
    ip: actor.ip,
  });
}
