/**
 * A post of the rule editor: a save, an edit of the form itself (add/remove a condition or action,
 * apply a trigger), or a template preview against a chosen record. The page re-renders for all but a save.
 */
import type { OrgScope } from "../data/scope.ts";
import { echoValues, type FieldErrors, type FormValues } from "../http/forms.ts";
import { HttpError } from "../fresh/errors.ts";
import { PlanLimitError } from "../billing/limits.ts";
import type { Actor } from "../tenancy/members.ts";
import { editedForm } from "./rule_form.ts";
import { saveRule } from "./rules.ts";
import { type Preview, previewTemplate } from "./test_mode.ts";
import { isTrigger, TRIGGERS } from "./triggers.ts";
import { UUID } from "../records/fields.ts";

export type EditorOutcome =
  | { saved: string }
  | {
    saved?: undefined;
    values: FormValues;
    errors?: FieldErrors;
    preview?: Preview & { position: number };
    /** Where an owner upgrades, when the plan's limit on active rules refused the save. */
    upgrade?: string;
  };

export async function editorPost(
  q: OrgScope,
  actor: Actor,
  id: string | null,
  posted: FormValues,
): Promise<EditorOutcome> {
  const { preview, ...rest } = echoValues(posted);
  if (preview !== undefined) return { values: rest, preview: await previewOf(q, rest, preview) };
  const edited = editedForm(rest);
  if (edited) return { values: edited };
  try {
    const saved = await saveRule(q, actor, id, rest);
    return saved.ok ? { saved: saved.id } : { values: rest, errors: saved.errors };
  } catch (err) {
    if (!(err instanceof PlanLimitError)) throw err;
    return { values: rest, errors: { _form: err.message }, upgrade: err.upgradePath };
  }
}

async function previewOf(q: OrgScope, values: FormValues, position: string) {
  const n = /^\d{1,2}$/.test(position) ? Number(position) : -1;
  const type = values.trigger_type ?? "";
  const record = isTrigger(type) ? TRIGGERS[type].record : null;
  const recordId = values.preview_record ?? "";
  if (!record || n < 0) throw new HttpError(400, "Nothing to preview");
  if (!UUID.test(recordId)) {
    return { ok: false as const, errors: { preview_record: `Choose a ${record} to preview with` }, position: n };
  }
  const result = await previewTemplate(
    q,
    record,
    recordId,
    values[`actions.${n}.subject`] ?? "",
    values[`actions.${n}.body`] ?? "",
  );
  return { ...result, position: n };
}
