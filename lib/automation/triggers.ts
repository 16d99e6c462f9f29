/**
 * What starts a rule. Record triggers come from the record's events (one job per event evaluates the
 * org's rules); timed triggers come from the periodic scan (timed.ts). Each trigger names the kind of
 * record its rule works on, which decides the merge fields, conditions and actions it may use.
 */
import * as z from "zod";
import { optionalText } from "../http/forms.ts";
import type { RecordFacts } from "./facts.ts";
import { wholeAmount } from "./conditions.ts";

export type RecordKind = "deal" | "lead";

/** An event a rule may react to, as the evaluation job receives it. */
export interface AutomationEvent {
  /** The record event's id, or a key derived id for a timed trigger (one per rule, record and occasion). */
  id: string;
  trigger: TriggerType;
  recordType: RecordKind;
  recordId: string;
  detail: Record<string, unknown>;
}

const uuidOrEmpty = z.union([z.uuid("Choose a stage"), z.literal("")]).optional().transform((v) => v || null);
const days = z.coerce.number("Enter a number of days").int("Whole days").min(1, "At least 1 day").max(
  365,
  "At most 365 days",
);

interface TriggerDefinition {
  label: string;
  record: RecordKind;
  /** Run by the periodic scan rather than by a record event. */
  timed: boolean;
  params: z.ZodType<Record<string, unknown>>;
}

export const TRIGGERS = {
  "deal.created": { label: "Deal created", record: "deal", timed: false, params: z.object({}) },
  "deal.stage_changed": {
    label: "Deal moved to a stage",
    record: "deal",
    timed: false,
    params: z.object({ to_stage_id: z.uuid("Choose a stage"), from_stage_id: uuidOrEmpty }),
  },
  "deal.won": { label: "Deal won", record: "deal", timed: false, params: z.object({}) },
  "deal.lost": { label: "Deal lost", record: "deal", timed: false, params: z.object({ reason: optionalText(500) }) },
  "lead.created": {
    label: "Lead created",
    record: "lead",
    timed: false,
    params: z.object({
      source: z.enum(["", "manual", "web_form", "api", "import"], "Choose a source").optional()
        .transform((v) => v || null),
    }),
  },
  "lead.converted": { label: "Lead converted", record: "lead", timed: false, params: z.object({}) },
  "deal.amount_reached": {
    label: "Deal amount reaches a value",
    record: "deal",
    timed: true,
    params: z.object({ amount: wholeAmount }),
  },
  "deal.close_date_passed": { label: "Deal's close date passed", record: "deal", timed: true, params: z.object({}) },
  "deal.idle": { label: "Deal idle for some days", record: "deal", timed: true, params: z.object({ days }) },
  "task.overdue": { label: "Task on a deal overdue", record: "deal", timed: true, params: z.object({}) },
} as const satisfies Record<string, TriggerDefinition>;

export type TriggerType = keyof typeof TRIGGERS;
export const TRIGGER_TYPES = Object.keys(TRIGGERS) as TriggerType[];
export const TIMED_TRIGGERS = TRIGGER_TYPES.filter((t) => TRIGGERS[t].timed);

export function isTrigger(type: string): type is TriggerType {
  return Object.hasOwn(TRIGGERS, type);
}

/** The trigger a record event is, if any rule can react to it. */
export function triggerOf(recordType: string, kind: string): TriggerType | null {
  const type = `${recordType}.${kind}`;
  return isTrigger(type) && !TRIGGERS[type].timed ? type : null;
}

/** Whether the event meets the trigger's own parameters (a stage moved to, a lost reason, a lead source). */
export function triggerHolds(params: Record<string, unknown>, event: AutomationEvent, facts: RecordFacts): boolean {
  switch (event.trigger) {
    case "deal.stage_changed":
      return event.detail.to_id === params.to_stage_id &&
        (!params.from_stage_id || event.detail.from_id === params.from_stage_id);
    case "deal.lost":
      return !params.reason ||
        String(event.detail.reason ?? "").trim().toLowerCase() === String(params.reason).trim().toLowerCase();
    case "lead.created":
      return !params.source || facts.source === params.source;
    default:
      return true;
  }
}
