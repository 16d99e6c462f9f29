/** The deal create/edit form. */
import { Field, Select } from "@/components/Form.tsx";
import { RecordForm } from "@/components/records/RecordForms.tsx";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import type { Member } from "@/lib/records/members.ts";
import type { Pipeline } from "@/lib/pipelines/pipelines.ts";

export interface DealFormProps {
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  members: Member[];
  pipelines: Pipeline[];
  currency: string;
  submit: string;
  cancel: string;
}

export function DealForm(p: DealFormProps) {
  const stageError = p.errors?.stage_id;
  return (
    <RecordForm
      action={p.action}
      check="deal"
      currency={p.currency}
      errors={p.errors}
      submitLabel={p.submit}
      cancel={p.cancel}
    >
      <Field name="title" label="Title" values={p.values} errors={p.errors} required maxLength={200} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field
          name="value"
          label={`Value (${p.currency})`}
          values={p.values}
          errors={p.errors}
          placeholder="1234.50"
          inputMode="decimal"
          hint="In the organisation's currency."
        />
        <Field name="expected_close_date" label="Expected close date" type="date" values={p.values} errors={p.errors} />
      </div>
      <div class="mb-4">
        <label for="f-stage_id" class="block text-sm font-medium text-slate-700">Stage</label>
        <select
          id="f-stage_id"
          name="stage_id"
          required
          aria-invalid={stageError ? "true" : undefined}
          aria-describedby={stageError ? "f-stage_id-error" : undefined}
          class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {p.pipelines.map((pipeline) => (
            <optgroup label={pipeline.name}>
              {pipeline.stages.map((s) => (
                <option value={s.id} selected={s.id === p.values.stage_id}>{s.name} ({s.probability}%)</option>
              ))}
            </optgroup>
          ))}
        </select>
        {stageError ? <p id="f-stage_id-error" class="mt-1 text-sm text-red-600">{stageError}</p> : null}
      </div>
      <Select
        name="owner_id"
        label="Owner"
        options={[
          ["", "Nobody"],
          ...p.members.map((m) => [m.id, m.name] as [string, string]),
        ]}
        values={p.values}
        errors={p.errors}
      />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field
          name="company"
          label="Company"
          values={p.values}
          errors={p.errors}
          maxLength={200}
          hint="An existing company's name."
        />
        <Field
          name="contact"
          label="Contact email"
          type="email"
          values={p.values}
          errors={p.errors}
          hint="An existing contact's email."
        />
      </div>
    </RecordForm>
  );
}
