/**
 * The forms the browser checks before sending them (islands/FormCheck.tsx), by name, with the
 * schemas the server parses them with: both give the same messages. Browser-safe.
 */
import "./zod_jitless.ts";
import { dealForm } from "../deals/schemas.ts";
import { type FieldErrors, type FormValues, validate } from "../http/forms.ts";
import { ActivityInput, CompanyInput, ContactInput, LeadInput } from "../records/inputs.ts";

const SCHEMAS = {
  company: () => CompanyInput,
  contact: () => ContactInput,
  lead: () => LeadInput,
  activity: () => ActivityInput,
  deal: (currency: string) => dealForm(currency),
};

export type CheckedForm = keyof typeof SCHEMAS;

/** The field messages the server would answer `values` with (none when it would accept them). */
export function formErrors(form: CheckedForm, values: FormValues, currency: string): FieldErrors {
  const result = validate(SCHEMAS[form](currency), values);
  return result.ok ? {} : result.errors;
}
