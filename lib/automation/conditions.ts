/**
 * Conditions a rule's record must meet, combined with all/any. Each is stored as a small object
 * ({type, value…}), described for the run log, and tested against the record's current facts.
 */
import * as z from "zod";
import type { RecordFacts } from "./facts.ts";
import type { RecordKind } from "./triggers.ts";

const id = (what: string) => z.uuid(`Choose a ${what}`);
/** Typed in whole units of the org's currency, stored in minor units. */
export const wholeAmount = z.coerce.number("Enter an amount").min(0, "At least 0").max(1e12, "Too large")
  .transform((v) => Math.round(v * 100));
const amount = z.union([z.literal(""), wholeAmount]).optional().transform((v) =>
  v === "" || v === undefined ? null : v
);

export const ConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pipeline"), value: id("pipeline") }),
  z.object({ type: z.literal("stage"), value: id("stage") }),
  z.object({ type: z.literal("owner"), value: id("member") }),
  z.object({ type: z.literal("team"), value: z.string().trim().min(1, "Choose a team").max(100) }),
  z.object({ type: z.literal("amount"), min: amount, max: amount }).refine(
    (c) => c.min !== null || c.max !== null,
    { message: "Enter a minimum, a maximum or both", path: ["min"] },
  ),
  z.object({ type: z.literal("source"), value: z.enum(["manual", "web_form", "api", "import"], "Choose a source") }),
  z.object({
    type: z.literal("text"),
    field: z.enum(["title", "name", "company", "message"], "Choose a field"),
    value: z.string().trim().min(1, "Enter the text to look for").max(200, "At most 200 characters"),
  }),
], { error: "Choose a kind of condition" });
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionType = Condition["type"];

export const CONDITION_LABELS: Record<ConditionType, string> = {
  pipeline: "Pipeline is",
  stage: "Stage is",
  owner: "Owner is",
  team: "Owner's team is",
  amount: "Amount between",
  source: "Lead source is",
  text: "Text field contains",
};

/** Which conditions make sense for a rule on this kind of record. */
export const CONDITIONS_FOR: Record<RecordKind, ConditionType[]> = {
  deal: ["pipeline", "stage", "owner", "team", "amount", "text"],
  lead: ["owner", "team", "source", "text"],
};

export const TEXT_FIELDS: Record<RecordKind, string[]> = {
  deal: ["title", "company"],
  lead: ["name", "company", "message"],
};

export function conditionHolds(c: Condition, f: RecordFacts): boolean {
  switch (c.type) {
    case "pipeline":
      return f.pipelineId === c.value;
    case "stage":
      return f.stageId === c.value;
    case "owner":
      return f.ownerId === c.value;
    case "team":
      return f.ownerTeam === c.value;
    case "amount":
      return f.amountMinor !== null && (c.min === null || f.amountMinor >= c.min) &&
        (c.max === null || f.amountMinor <= c.max);
    case "source":
      return f.source === c.value;
    case "text":
      return (f.text[c.field] ?? "").toLowerCase().includes(c.value.toLowerCase());
  }
}

/** The id of the org's pipeline, stage or member a condition names, if it names one. */
export function conditionRef(c: Condition): string | null {
  return c.type === "pipeline" || c.type === "stage" || c.type === "owner" ? c.value : null;
}

/** Names for ids (stages, pipelines, members) so a condition reads as a sentence in the log. */
export type Names = Map<string, string>;

export function describeCondition(c: Condition, names: Names): string {
  switch (c.type) {
    case "amount":
      return `Amount ${c.min !== null ? `at least ${c.min / 100}` : ""}${
        c.min !== null && c.max !== null ? " and " : ""
      }${c.max !== null ? `at most ${c.max / 100}` : ""}`;
    case "text":
      return `${c.field} contains “${c.value}”`;
    case "team":
    case "source":
      return `${CONDITION_LABELS[c.type]} ${c.value}`;
    default:
      return `${CONDITION_LABELS[c.type]} ${names.get(c.value) ?? "(removed)"}`;
  }
}

/** Each condition with whether it held, and whether the rule matches (all/any; no conditions: it does). */
export function evaluate(match: "all" | "any", conditions: Condition[], facts: RecordFacts, names: Names) {
  const results = conditions.map((c) => ({ label: describeCondition(c, names), held: conditionHolds(c, facts) }));
  const matched = !results.length ||
    (match === "all" ? results.every((r) => r.held) : results.some((r) => r.held));
  return { results, matched };
}
