/** A labelled multi-line field with its error message (the textarea sibling of components/Form.tsx's Field). */
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";

export function TextArea(
  { name, label, values, errors, rows = 3, idPrefix = "f" }: {
    name: string;
    label: string;
    values?: FormValues;
    errors?: FieldErrors;
    rows?: number;
    idPrefix?: string;
  },
) {
  const id = `${idPrefix}-${name}`;
  const error = errors?.[name];
  return (
    <div class="mb-4">
      <label for={id} class="block text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        class={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500 ${
          error ? "border-red-500" : "border-slate-300"
        }`}
      >
        {values?.[name] ?? ""}
      </textarea>
      {error ? <p id={`${id}-error`} class="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}
