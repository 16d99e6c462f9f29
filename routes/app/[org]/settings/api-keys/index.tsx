/** The org's API keys: the list (prefix, access, last use, expiry), a form for a new one, revocation. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError, Select } from "@/components/Form.tsx";
import CopyButton from "@/islands/CopyButton.tsx";
import { ApiKeyInput, type ApiKeySummary, createApiKey, EXPIRY_CHOICES, listApiKeys } from "@/lib/api/keys.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";

interface Data {
  keys: ApiKeySummary[];
  values: FormValues;
  errors?: FieldErrors;
  /** The key just made: its secret is shown this once. */
  created?: { name: string; token: string };
}
type State = { auth: AuthContext };

const SCOPES: [string, string][] = [["write", "Read and write"], ["read", "Read only"]];
const NEW_KEY: FormValues = { scope: "write", expires: "never" };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ keys: await withOrg(tenantOf(ctx.state.auth), listApiKeys), values: NEW_KEY });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await parseForm(req, ApiKeyInput);
    const made = form.ok
      ? await withOrg(tenantOf(auth), (q) => createApiKey(q, actorOf(auth, ctx.remoteAddr), form.data))
      : null;
    const keys = await withOrg(tenantOf(auth), listApiKeys);
    if (!form.ok) return ctx.render({ keys, values: form.values, errors: form.errors }, { status: 422 });
    return ctx.render({ keys, values: NEW_KEY, created: { name: form.data.name, token: made!.token } });
  },
};

function status(key: ApiKeySummary): string {
  if (key.revoked_at) return `Revoked ${formatTime(key.revoked_at)}`;
  if (key.expires_at && key.expires_at <= new Date()) return `Expired ${formatTime(key.expires_at)}`;
  return key.expires_at ? `Active until ${formatTime(key.expires_at)}` : "Active";
}

export default function ApiKeys({ data, state }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "settings", "api-keys");
  return (
    <div class="max-w-4xl">
      <PageHeader
        title="API keys"
        intro={
          <>
            Keys let your own code and integrations use the <a href="/docs/api" class="underline">REST API</a>{" "}
            on behalf of {state.auth.org.name}. A key acts as the admin who made it.
          </>
        }
      />
      {data.created
        ? (
          <Notice tone="success">
            <p class="font-medium">Key “{data.created.name}” created. Copy it now: it is not shown again.</p>
            <label for="new-api-key" class="mt-2 block text-sm">Your new API key</label>
            <input
              id="new-api-key"
              readOnly
              value={data.created.token}
              class="my-2 block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm"
            />
            <CopyButton target="new-api-key" label="Copy key" />
          </Notice>
        )
        : null}
      <Panel title="Keys" description="Revoking a key stops its next request.">
        {data.keys.length === 0
          ? <p class="text-sm text-slate-600">No keys yet.</p>
          : (
            <ul class="divide-y divide-slate-200" aria-label="API keys">
              {data.keys.map((key) => (
                <li class="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div class="min-w-0 text-sm">
                    <p class="font-medium">{key.name}</p>
                    <p class="font-mono text-slate-600">{key.prefix}…</p>
                    <p class="text-slate-600">
                      {key.scope === "write" ? "Read and write" : "Read only"} · {status(key)} · made by{" "}
                      {key.created_by ?? "a former member"} {formatTime(key.created_at)} ·{" "}
                      {key.last_used_at ? `last used ${formatTime(key.last_used_at)}` : "never used"}
                    </p>
                  </div>
                  {key.revoked_at ? null : (
                    <form method="post" action={`${base}/${key.id}`}>
                      <Button kind="danger">
                        Revoke<span class="sr-only">{key.name}</span>
                      </Button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
      </Panel>
      <Panel title="New key">
        <form method="post" action={base} novalidate>
          <FormError errors={data.errors} />
          <Field
            name="name"
            label="Name"
            required
            maxLength={100}
            hint="What uses it, e.g. “Website sync”."
            {...data}
          />
          <Select name="scope" label="Access" options={SCOPES} {...data} />
          <Select name="expires" label="Expires" options={Object.entries(EXPIRY_CHOICES)} {...data} />
          <Button>Create key</Button>
        </form>
      </Panel>
    </div>
  );
}
