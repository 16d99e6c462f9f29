/**
 * The create/edit forms of companies, contacts and leads (and the card the deal form sits in):
 * checked in the browser and on the server with the same schema, errors beside each field.
 */
import type { ComponentChildren } from "preact";
import { Field, FormError, Select } from "@/components/Form.tsx";
import FormCheck from "@/islands/FormCheck.tsx";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import type { CheckedForm } from "@/lib/form_check/form_check.ts";
import type { Member } from "@/lib/records/members.ts";
import { TextArea } from "./TextArea.tsx";
import { buttonClass } from "./ui.tsx";

export interface FormState {
  values: FormValues;
  errors?: FieldErrors;
}

interface FieldsProps extends FormState {
  members: Member[];
}

const ownerOptions = (members: Member[]): [string, string][] => [
  ["", "Nobody"],
  ...members.map((m) => [m.id, m.name] as [string, string]),
];

export function CompanyFields({ values, errors, members }: FieldsProps) {
  return (
    <>
      <Field name="name" label="Name" values={values} errors={errors} required maxLength={200} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field name="domain" label="Website domain" values={values} errors={errors} placeholder="acme.com" />
        <Field name="industry" label="Industry" values={values} errors={errors} maxLength={100} />
        <Field name="phone" label="Phone" type="tel" values={values} errors={errors} maxLength={50} />
        <Field name="city" label="City" values={values} errors={errors} maxLength={100} />
      </div>
      <Select name="owner_id" label="Owner" options={ownerOptions(members)} values={values} errors={errors} />
    </>
  );
}

export function ContactFields({ values, errors, members, companies }: FieldsProps & { companies: string[] }) {
  return (
    <>
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field name="first_name" label="First name" values={values} errors={errors} required maxLength={100} />
        <Field name="last_name" label="Last name" values={values} errors={errors} maxLength={100} />
        <Field name="email" label="Email" type="email" values={values} errors={errors} />
        <Field name="phone" label="Phone" type="tel" values={values} errors={errors} maxLength={50} />
        <Field name="title" label="Job title" values={values} errors={errors} maxLength={100} />
        <div class="mb-4">
          <label for="f-company_name" class="block text-sm font-medium text-slate-700">Company</label>
          <input
            id="f-company_name"
            name="company_name"
            list="company-names"
            value={values.company_name ?? ""}
            maxLength={200}
            aria-invalid={errors?.company_name ? "true" : undefined}
            aria-describedby="f-company_name-hint"
            class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
          />
          <p id="f-company_name-hint" class="mt-1 text-xs text-slate-500">
            {errors?.company_name ?? "An existing company's name, or a new one to create."}
          </p>
          <datalist id="company-names">{companies.map((c) => <option key={c} value={c} />)}</datalist>
        </div>
      </div>
      <Select name="owner_id" label="Owner" options={ownerOptions(members)} values={values} errors={errors} />
    </>
  );
}

export function LeadFields({ values, errors, members }: FieldsProps) {
  return (
    <>
      <Field name="name" label="Name" values={values} errors={errors} required maxLength={200} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field name="email" label="Email" type="email" values={values} errors={errors} />
        <Field name="phone" label="Phone" type="tel" values={values} errors={errors} maxLength={50} />
      </div>
      <Field name="company_name" label="Company" values={values} errors={errors} maxLength={200} />
      <TextArea name="message" label="Message" values={values} errors={errors} rows={4} />
      <Select name="owner_id" label="Owner" options={ownerOptions(members)} values={values} errors={errors} />
    </>
  );
}

/** A record form in a card: fields, submit, and a way back; `check` names its schema for the browser. */
export function RecordForm(
  { action, check, currency, errors, submitLabel, cancel, children }: {
    action: string;
    check: CheckedForm;
    /** The org's currency, for money fields. */
    currency: string;
    errors?: FieldErrors;
    submitLabel: string;
    cancel: string;
    children: ComponentChildren;
  },
) {
  return (
    <form method="post" action={action} class="max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <FormCheck form={check} currency={currency} />
      <FormError errors={errors} />
      {errors && !errors._form ? <p role="alert" class="sr-only">Please correct the fields marked below.</p> : null}
      {children}
      <div class="mt-2 flex items-center gap-3">
        <button type="submit" class={buttonClass("primary")}>{submitLabel}</button>
        <a href={cancel} class="text-sm text-slate-600 hover:underline">Cancel</a>
      </div>
    </form>
  );
}
