/** The webhook endpoint form (new and edit), and the once-only display of a signing secret. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import CopyButton from "@/islands/CopyButton.tsx";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import { EVENT_TYPES } from "@/lib/webhooks/events.ts";

export function EndpointForm(
  { action, intent, values, errors, submit }: {
    action: string;
    /** A hidden `intent` field, for a page with several forms. */
    intent?: string;
    values: FormValues;
    errors?: FieldErrors;
    submit: string;
  },
) {
  return (
    <form method="post" action={action} novalidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={errors} />
      <Field
        name="url"
        label="Endpoint URL"
        type="url"
        required
        maxLength={2000}
        placeholder="https://example.com/webhooks/nexacrm"
        hint="Where NexaCRM POSTs events. Must be https:// and reachable on the public internet."
        values={values}
        errors={errors}
      />
      <Field name="description" label="Description (optional)" maxLength={200} values={values} errors={errors} />
      <fieldset class="mb-4" aria-describedby="event-types-hint">
        <legend class="text-sm font-medium text-slate-700">Events</legend>
        <p id="event-types-hint" class="mt-1 text-xs text-slate-500">None ticked: every event.</p>
        {errors?.event_types ? <p class="mt-1 text-sm text-red-600">{errors.event_types}</p> : null}
        <div class="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {EVENT_TYPES.map((type) => (
            <label class="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`event:${type}`} checked={values[`event:${type}`] === "on"} />
              <code>{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" checked={values.enabled === "on"} /> Enabled
      </label>
      <Button>{submit}</Button>
    </form>
  );
}

/** The form's values for an endpoint as stored. */
export function endpointValues(e: { url: string; description: string; event_types: string[]; enabled: boolean }) {
  const values: FormValues = { url: e.url, description: e.description, ...(e.enabled ? { enabled: "on" } : {}) };
  for (const type of e.event_types) values[`event:${type}`] = "on";
  return values;
}

export function SecretNotice({ secret, intro }: { secret: string; intro: string }) {
  return (
    <Notice tone="success">
      <p class="font-medium">{intro} Copy the signing secret now: it is not shown again.</p>
      <label for="signing-secret" class="mt-2 block text-sm">Signing secret</label>
      <input
        id="signing-secret"
        readOnly
        value={secret}
        class="my-2 block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm"
      />
      <CopyButton target="signing-secret" label="Copy secret" />
    </Notice>
  );
}
