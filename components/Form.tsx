/** Form building blocks: labelled fields with their error message, and the form-level error. */
import type { ComponentChildren } from "preact";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";

export interface FieldProps {
  name: string;
  label: string;
  type?: string;
  values?: FormValues;
  errors?: FieldErrors;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  /** Id of a `<datalist>` of suggestions. */
  list?: string;
  /** The phone keyboard to show (`decimal` for amounts typed as text). */
  inputMode?: "decimal" | "numeric";
}

export function Field(p: FieldProps) {
  const error = p.errors?.[p.name];
  const id = `f-${p.name}`;
  return (
    <div class="mb-4">
      <label for={id} class="block text-sm font-medium text-slate-700">{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.type === "password" ? "" : p.values?.[p.name] ?? ""}
        required={p.required}
        autocomplete={p.autocomplete}
        placeholder={p.placeholder}
        maxLength={p.maxLength}
        list={p.list}
        inputMode={p.inputMode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : p.hint ? `${id}-hint` : undefined}
        class={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500 ${
          error ? "border-red-500" : "border-slate-300"
        }`}
      />
      {p.hint && !error ? <p id={`${id}-hint`} class="mt-1 text-xs text-slate-500">{p.hint}</p> : null}
      {error ? <p id={`${id}-error`} class="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

/** The `password` field of a new password, with the rules the server applies to it. */
export function NewPasswordField(p: { label: string; values?: FormValues; errors?: FieldErrors }) {
  return (
    <Field
      name="password"
      label={p.label}
      type="password"
      autocomplete="new-password"
      required
      hint="At least 8 characters; common passwords are refused."
      values={p.values}
      errors={p.errors}
    />
  );
}

export interface SelectProps {
  name: string;
  label: string;
  options: [value: string, label: string][];
  values?: FormValues;
  errors?: FieldErrors;
  value?: string;
}

export function Select(p: SelectProps) {
  const error = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const selected = p.values?.[p.name] ?? p.value ?? "";
  return (
    <div class="mb-4">
      <label for={id} class="block text-sm font-medium text-slate-700">{p.label}</label>
      <select
        id={id}
        name={p.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {p.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === selected}>{label}</option>
        ))}
      </select>
      {error ? <p id={`${id}-error`} class="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

export function FormError({ errors }: { errors?: FieldErrors }) {
  const message = errors?._form;
  if (!message) return null;
  return <div role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">{message}</div>;
}

export function SubmitButton({ children }: { children: ComponentChildren }) {
  return (
    <button type="submit" class="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
      {children}
    </button>
  );
}
