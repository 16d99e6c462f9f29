/**
 * The rule editor's form, flat as an HTML form posts it (`trigger.to_stage_id`, `conditions.0.type`,
 * `actions.1.subject`): read into a rule, checked (shapes, then the org's data: stages, members,
 * merge fields), with each message under the field's own name; and written back from a stored rule.
 */
import * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import { type FieldErrors, fieldErrors, type FormValues, text } from "../http/forms.ts";
import { actionDefinition } from "./actions/registry.ts";
import { type Condition, CONDITION_LABELS, conditionRef, CONDITIONS_FOR, ConditionSchema } from "./conditions.ts";
import { referenceNames, type Rule, type StoredAction } from "./rules_read.ts";
import { isTrigger, TRIGGERS, type TriggerType } from "./triggers.ts";

export const MAX_CONDITIONS = 10;
export const MAX_ACTIONS = 10;

export interface RuleInput {
  name: string;
  trigger_type: TriggerType;
  trigger: Record<string, unknown>;
  match: "all" | "any";
  conditions: Condition[];
  actions: StoredAction[];
  active: boolean;
}

/** The numbered groups under `prefix` (`actions.0.*`, `actions.1.*`…), in order. */
export function groups(values: FormValues, prefix: string): Record<string, string>[] {
  const found = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    const m = new RegExp(`^${prefix}\\.(\\d{1,2})\\.([a-z_]+)$`).exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    if (!found.has(i)) found.set(i, {});
    found.get(i)![m[2]] = value;
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}

function fields(values: FormValues, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]),
  );
}

function collect(errors: FieldErrors, prefix: string, error: z.ZodError) {
  for (const [key, message] of Object.entries(fieldErrors(error))) {
    errors[`${prefix}.${key === "_form" ? "type" : key}`] ??= message;
  }
}

const Header = z.object({
  name: text(100),
  match: z.enum(["all", "any"], "Choose all or any"),
  active: z.string().optional().transform((v) => v === "on"),
});

export type RuleCheck = { ok: true; rule: RuleInput } | { ok: false; errors: FieldErrors };

/** Reads and checks the posted rule against the org's data. */
export async function readRule(q: OrgScope, values: FormValues): Promise<RuleCheck> {
  const errors: FieldErrors = {};
  const header = Header.safeParse(values);
  if (!header.success) Object.assign(errors, fieldErrors(header.error));
  const type = values.trigger_type ?? "";
  if (!isTrigger(type)) return { ok: false, errors: { ...errors, trigger_type: "Choose a trigger" } };
  const record = TRIGGERS[type].record;

  const trigger = (TRIGGERS[type].params as z.ZodType<Record<string, unknown>>).safeParse(fields(values, "trigger"));
  if (!trigger.success) collect(errors, "trigger", trigger.error);

  const conditions: Condition[] = [];
  const conditionGroups = groups(values, "conditions").filter((g) => g.type);
  if (conditionGroups.length > MAX_CONDITIONS) errors._form = `At most ${MAX_CONDITIONS} conditions`;
  conditionGroups.slice(0, MAX_CONDITIONS).forEach((g, i) => {
    const parsed = ConditionSchema.safeParse(g);
    if (!parsed.success) return collect(errors, `conditions.${i}`, parsed.error);
    if (!CONDITIONS_FOR[record].includes(parsed.data.type)) {
      errors[`conditions.${i}.type`] = `“${CONDITION_LABELS[parsed.data.type]}” does not apply to a ${record}`;
    }
    conditions.push(parsed.data);
  });

  const actions: StoredAction[] = [];
  const actionGroups = groups(values, "actions").filter((g) => g.type);
  if (!actionGroups.length) errors._form ??= "Add at least one action";
  if (actionGroups.length > MAX_ACTIONS) errors._form = `At most ${MAX_ACTIONS} actions`;
  for (const [i, g] of actionGroups.slice(0, MAX_ACTIONS).entries()) {
    const definition = actionDefinition(g.type);
    if (!definition || !definition.records.includes(record)) {
      errors[`actions.${i}.type`] = `This action does not apply to a ${record}`;
      continue;
    }
    const parsed = definition.schema.safeParse(g);
    if (!parsed.success) {
      collect(errors, `actions.${i}`, parsed.error);
      continue;
    }
    for (const [key, message] of Object.entries(await definition.check?.(q, parsed.data, record) ?? {})) {
      if (message) errors[`actions.${i}.${key}`] = message;
    }
    actions.push({ ...(parsed.data as Record<string, unknown>), type: g.type });
  }

  if (trigger.success && header.success) {
    // Ids the trigger and conditions name must be this org's.
    const names = await referenceNames(q, [
      ...["to_stage_id", "from_stage_id"].map((k) => String(trigger.data[k] ?? "")),
      ...conditions.map((c) => conditionRef(c) ?? ""),
    ]);
    for (const k of ["to_stage_id", "from_stage_id"]) {
      const id = trigger.data[k];
      if (id && !names.has(String(id))) errors[`trigger.${k}`] = "Choose a stage of this organisation";
    }
    conditions.forEach((c, i) => {
      const ref = conditionRef(c);
      if (ref && !names.has(ref)) {
        errors[`conditions.${i}.value`] = "Choose one of this organisation's";
      }
    });
  }
  if (Object.keys(errors).length || !header.success || !trigger.success) return { ok: false, errors };
  return {
    ok: true,
    rule: { ...header.data, trigger_type: type, trigger: trigger.data, conditions, actions },
  };
}

const asField = (v: unknown, key: string) =>
  v === null || v === undefined
    ? ""
    : (key === "amount" || key === "min" || key === "max")
    ? String(Number(v) / 100)
    : String(v);

/** The form's values for a stored rule. */
export function ruleValues(rule: Rule): FormValues {
  const values: FormValues = {
    name: rule.name,
    trigger_type: rule.trigger_type,
    match: rule.match,
    ...(rule.active ? { active: "on" } : {}),
  };
  for (const [k, v] of Object.entries(rule.trigger)) values[`trigger.${k}`] = asField(v, k);
  rule.conditions.forEach((c, i) => {
    for (const [k, v] of Object.entries(c)) values[`conditions.${i}.${k}`] = asField(v, k);
  });
  rule.actions.forEach((a, i) => {
    for (const [k, v] of Object.entries(a)) values[`actions.${i}.${k}`] = asField(v, k);
  });
  return values;
}

/**
 * The editor's buttons that change the form rather than save it (they work without JavaScript):
 * apply the chosen trigger, add a condition or an action of the chosen kind, remove one. Returns the
 * new values, or null when the form is to be saved.
 */
export function editedForm(values: FormValues): FormValues | null {
  const {
    add_condition,
    add_action,
    remove_condition,
    remove_action,
    apply_trigger,
    new_condition,
    new_action,
    ...rest
  } = values;
  const editing = [add_condition, add_action, remove_condition, remove_action, apply_trigger];
  if (editing.every((v) => v === undefined)) return null;
  const renumber = (prefix: string, drop: number | null, add: Record<string, string> | null) => {
    const kept = groups(rest, prefix).filter((_g, i) => i !== drop);
    if (add) kept.push(add);
    for (const key of Object.keys(rest)) if (key.startsWith(`${prefix}.`)) delete rest[key];
    kept.forEach((g, i) => {
      for (const [k, v] of Object.entries(g)) rest[`${prefix}.${i}.${k}`] = v;
    });
  };
  const index = (v: string | undefined) => v !== undefined && /^\d{1,2}$/.test(v) ? Number(v) : null;
  if (add_condition !== undefined && new_condition && groups(rest, "conditions").length < MAX_CONDITIONS) {
    renumber("conditions", null, { type: new_condition.slice(0, 20) });
  }
  if (add_action !== undefined && new_action && groups(rest, "actions").length < MAX_ACTIONS) {
    renumber("actions", null, { type: new_action.slice(0, 40) });
  }
  if (remove_condition !== undefined) renumber("conditions", index(remove_condition), null);
  if (remove_action !== undefined) renumber("actions", index(remove_action), null);
  return rest;
}
