/**
 * What a rule can do. Each action type is defined once: its stored settings (a zod schema), the form
 * fields the rule editor shows for it, the checks that need the org's data when a rule is saved, and
 * `plan`, which says what the action would do for a record and returns the work that does it. Test mode
 * shows the plan's summary; a run performs it. Other features add actions with `defineAction`.
 */
import type * as z from "zod";
import type { OrgScope } from "../../data/scope.ts";
import type { FieldErrors } from "../../http/forms.ts";
import type { RecordFacts } from "../facts.ts";
import type { RecordKind } from "../triggers.ts";

/** Choices the editor offers for select fields, loaded from the org. */
export type OptionSource = "stages" | "members" | "teams" | "endpoints";

export interface ActionField {
  name: string;
  label: string;
  kind: "text" | "textarea" | "number" | "select";
  /** Fixed choices, or a list the org provides. */
  options?: [string, string][] | OptionSource;
  /** Choices offered before the org's list, such as "the record's owner". */
  leading?: [string, string][];
  hint?: string;
  required?: boolean;
}

/** What an action acts on: the rule's record, its rule, and where it is in the rule. */
export interface ActionTarget {
  facts: RecordFacts;
  ruleId: string;
  ruleName: string;
  position: number;
}

export interface ActionPlan {
  /** What it does (test mode) or did (the run log), in a sentence. */
  summary: string;
  /** Does it, in the transaction that marks the action done. Absent: nothing to do. */
  perform?: (q: OrgScope) => Promise<void>;
}

export interface ActionDefinition<C = unknown> {
  type: string;
  label: string;
  records: RecordKind[];
  schema: z.ZodType<C>;
  fields: ActionField[];
  /** Checks against the org's data (a stage exists, a member belongs, merge fields are known). */
  check?(q: OrgScope, config: C, record: RecordKind): Promise<Partial<FieldErrors>>;
  /** Reads what it needs; must write nothing (test mode calls it, then rolls back anyway). */
  plan(q: OrgScope, config: C, target: ActionTarget): Promise<ActionPlan>;
}

const actions = new Map<string, ActionDefinition>();

export function defineAction<C>(definition: ActionDefinition<C>): void {
  if (actions.has(definition.type)) throw new Error(`automation action ${definition.type} is defined twice`);
  actions.set(definition.type, definition as ActionDefinition);
}

export function actionDefinition(type: string): ActionDefinition | undefined {
  return actions.get(type);
}

export function actionTypes(record?: RecordKind): ActionDefinition[] {
  return [...actions.values()].filter((a) => !record || a.records.includes(record));
}

/** A refusal an action explains to the run log (a missing address, a closed deal), not a crash. */
export class ActionError extends Error {}
