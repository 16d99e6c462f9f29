/** Logs a call, email, meeting, note or task on a record's timeline. */
import { Field, FormError, Select } from "@/components/Form.tsx";
import FormCheck from "@/islands/FormCheck.tsx";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import type { Member } from "@/lib/records/members.ts";
import { TextArea } from "./TextArea.tsx";
import { buttonClass } from "./ui.tsx";

export interface ActivityFormState {
  values: FormValues;
  errors: FieldErrors;
}

const TYPES: [string, string][] = [["note", "Note"], ["call", "Call"], ["email", "Email"], ["meeting", "Meeting"], [
  "task",
  "Task",
]];

export function ActivityForm(
  { action, members, me, currency, zone, state }: {
    action: string;
    members: Member[];
    me: string;
    currency: string;
    /** The org's time zone, which the due time is entered in. */
    zone: string;
    state?: ActivityFormState;
  },
) {
  const values = state?.values ?? { type: "note", owner_id: me };
  const errors = state?.errors;
  return (
    <form method="post" action={action} aria-labelledby="activity-form-title" class="space-y-1">
      <FormCheck form="activity" currency={currency} />
      <h2 id="activity-form-title" class="mb-3 text-sm font-semibold text-slate-800">Log activity</h2>
      <FormError errors={errors} />
      <div class="grid gap-x-3 sm:grid-cols-2">
        <Select name="type" label="Type" options={TYPES} values={values} errors={errors} />
        <Select
          name="owner_id"
          label="Assigned to"
          options={members.map((m) => [m.id, m.name])}
          values={values}
          errors={errors}
        />
      </div>
      <Field name="subject" label="Subject" values={values} errors={errors} required maxLength={200} />
      <TextArea name="body" label="Details" values={values} errors={errors} />
      <Field
        name="due_at"
        label={`Due (${zone} time)`}
        type="datetime-local"
        values={values}
        errors={errors}
        hint="Needed for tasks; they appear under Tasks and on My day."
      />
      <button type="submit" class={buttonClass("primary")}>Add to timeline</button>
    </form>
  );
}
