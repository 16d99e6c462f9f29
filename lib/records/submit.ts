/**
 * A form POST: validated input, then the action; field errors from either, and a plan limit reached,
 * come back to re-render the form.
 */
import type * as z from "zod";
import { PlanLimitError } from "../billing/limits.ts";
import { type FieldErrors, type FormValues, parseForm, ValidationError } from "../http/forms.ts";

export type Submission<R> =
  | { ok: true; result: R; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

export async function submit<S extends z.ZodType, R>(
  req: Request,
  schema: S,
  action: (data: z.infer<S>) => Promise<R>,
): Promise<Submission<R>> {
  const form = await parseForm(req, schema);
  if (!form.ok) return form;
  try {
    return { ok: true, result: await action(form.data), values: form.values };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, errors: err.fields, values: form.values };
    if (err instanceof PlanLimitError) return { ok: false, errors: { _form: err.message }, values: form.values };
    throw err;
  }
}
