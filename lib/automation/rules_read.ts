/** Rules as the engine and test mode read them (stored already validated: never parsed again). */
import type { OrgScope } from "../data/scope.ts";
import { type Condition, conditionRef, type Names } from "./conditions.ts";
import type { TriggerType } from "./triggers.ts";

export interface StoredAction {
  type: string;
  [setting: string]: unknown;
}

export interface Rule {
  id: string;
  name: string;
  trigger_type: TriggerType;
  trigger: Record<string, unknown>;
  match: "all" | "any";
  conditions: Condition[];
  actions: StoredAction[];
  active: boolean;
}

const COLUMNS = ["id", "name", "trigger_type", "trigger", "match", "conditions", "actions", "active"] as const;

export function ruleQuery(q: OrgScope) {
  return q.selectFrom("automation_rules").select(COLUMNS).$castTo<Rule>();
}

export async function findRule(q: OrgScope, id: string): Promise<Rule | undefined> {
  return await ruleQuery(q).where("id", "=", id).executeTakeFirst();
}

/** The org's active rules for a trigger (index automation_rules_trigger_idx). */
export async function activeRules(q: OrgScope, trigger: TriggerType, only?: string): Promise<Rule[]> {
  let query = ruleQuery(q).where("trigger_type", "=", trigger).where("active", "=", true);
  if (only) query = query.where("id", "=", only);
  return await query.orderBy("id").execute();
}

/** Names of the stages, pipelines and members conditions and triggers refer to. */
export async function referenceNames(q: OrgScope, ids: string[]): Promise<Names> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (!wanted.length) return new Map();
  const stages = await q.selectFrom("stages").select(["id", "name"]).where("id", "in", wanted).execute();
  const pipelines = await q.selectFrom("pipelines").select(["id", "name"]).where("id", "in", wanted).execute();
  const users = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name"]).where("memberships.user_id", "in", wanted).execute();
  return new Map([...stages, ...pipelines, ...users].map((r) => [r.id, r.name]));
}

/** The ids a rule's trigger and conditions name. */
export function referencedIds(rule: Pick<Rule, "trigger" | "conditions">): string[] {
  const fromTrigger = [rule.trigger.to_stage_id, rule.trigger.from_stage_id].filter((v): v is string => !!v);
  return [...fromTrigger, ...rule.conditions.map((c) => conditionRef(c) ?? "")];
}
