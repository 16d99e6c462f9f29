/** A new webhook endpoint: the form, then its signing secret, shown once. */
import { PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { EndpointForm, SecretNotice } from "@/components/integrations/EndpointForm.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { createEndpoint, parseEndpointForm } from "@/lib/webhooks/endpoints.ts";

interface Data {
  values: FormValues;
  errors?: FieldErrors;
  created?: { id: string; secret: string };
}
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  GET(_req, ctx) {
    return ctx.render({ values: { enabled: "on" } });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = parseEndpointForm(await readForm(req));
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    const created = await withOrg(tenantOf(auth), (q) => createEndpoint(q, actorOf(auth, ctx.remoteAddr), form.data));
    return ctx.render({ values: form.values, created });
  },
};

export default function NewEndpoint({ data, state }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "settings", "integrations");
  return (
    <div class="max-w-3xl">
      <PageHeader title="New webhook endpoint" intro={<a href={base} class="underline">Back to integrations</a>} />
      {data.created
        ? (
          <>
            <SecretNotice secret={data.created.secret} intro="Endpoint added." />
            <p class="text-sm">
              Verify each request with it using a{" "}
              <a class="underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a> library, then{" "}
              <a class="underline" href={`${base}/webhooks/${data.created.id}`}>open the endpoint</a>{" "}
              to send a test event.
            </p>
          </>
        )
        : (
          <Panel title="Endpoint">
            <EndpointForm
              action={`${base}/webhooks/new`}
              values={data.values}
              errors={data.errors}
              submit="Add endpoint"
            />
          </Panel>
        )}
    </div>
  );
}
