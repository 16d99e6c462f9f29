/** Integrations: what the workspace is connected to (Stripe, email, Slack, webhooks, API keys, storage), with tests. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { can } from "@/lib/auth/permissions.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { echoValues, type FieldErrors, type FormValues, readForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type IntegrationsOverview, integrationsOverview } from "@/lib/integrations/overview.ts";
import { runSlackAction } from "@/lib/slack/actions.ts";
import { maskedUrl } from "@/lib/slack/connection.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";

interface Data {
  overview: IntegrationsOverview;
  values: FormValues;
  errors?: FieldErrors;
}
type State = { auth: AuthContext };

const NOTICES: Record<string, string> = {
  slack_connected: "Slack connected. Send a test message to check the channel.",
  slack_test: "Test message queued: it reaches the channel in a moment.",
  slack_missing: "Connect Slack first.",
  slack_disconnected: "Slack disconnected.",
  endpoint_deleted: "Endpoint deleted.",
};

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ overview: await withOrg(tenantOf(ctx.state.auth), integrationsOverview), values: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const values = await readForm(req);
    const result = await withOrg(
      tenantOf(auth),
      (q) => runSlackAction(q, actorOf(auth, ctx.remoteAddr), auth.org.name, values),
    );
    if ("notice" in result) {
      return redirect(orgPath(auth.org.slug, "settings", "integrations", { notice: result.notice }));
    }
    const overview = await withOrg(tenantOf(auth), integrationsOverview);
    return ctx.render({ overview, values: echoValues(values), errors: result.errors }, { status: 422 });
  },
};

function Status({ on, children }: { on: boolean; children: string }) {
  return (
    <span
      class={`rounded px-2 py-0.5 text-xs font-medium ${
        on ? "bg-green-50 text-green-800" : "bg-slate-100 text-slate-700"
      }`}
    >
      {children}
    </span>
  );
}

export default function Integrations({ data, state, url }: PageProps<Data, State>) {
  const { overview: o, errors } = data;
  const { auth } = state;
  const base = orgPath(auth.org.slug, "settings");
  const self = `${base}/integrations`;
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  return (
    <div class="max-w-3xl">
      <PageHeader title="Integrations" intro={`The services ${auth.org.name} is connected to.`} />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <FormError errors={errors} />

      <Panel title="Slack" description="Posts a message to a channel when a deal is won.">
        {o.slack
          ? (
            <>
              <p class="text-sm">
                <Status on>Connected</Status> {o.slack.channel_label ? `to ${o.slack.channel_label} ` : ""}
                <span class="break-all font-mono text-xs text-slate-600">{maskedUrl(o.slack.webhook_url)}</span>
              </p>
              <div class="mt-4 flex flex-wrap gap-2">
                <form method="post" action={self}>
                  <input type="hidden" name="intent" value="slack_test" />
                  <Button kind="secondary">Send test message</Button>
                </form>
                <form method="post" action={self}>
                  <input type="hidden" name="intent" value="slack_disconnect" />
                  <Button kind="danger">Disconnect Slack</Button>
                </form>
              </div>
            </>
          )
          : (
            <p class="text-sm">
              <Status on={false}>Not connected</Status>
            </p>
          )}
        <form method="post" action={self} class="mt-4" novalidate>
          <input type="hidden" name="intent" value="slack_connect" />
          <Field
            name="webhook_url"
            label={o.slack ? "Change the incoming webhook URL" : "Incoming webhook URL"}
            type="url"
            required
            maxLength={2000}
            placeholder="https://hooks.slack.com/services/…"
            hint="In Slack: Apps → Incoming Webhooks → Add to a channel, then paste its URL here."
            values={data.values}
            errors={errors}
          />
          <Field
            name="channel_label"
            label="Channel (for your reference, optional)"
            maxLength={80}
            placeholder="#sales"
            values={data.values}
            errors={errors}
          />
          <Button>{o.slack ? "Save" : "Connect Slack"}</Button>
        </form>
      </Panel>

      <Panel
        title="Webhooks"
        description="Signed HTTP POSTs (Standard Webhooks) to your endpoints when records change."
      >
        {o.endpoints.length === 0
          ? <p class="text-sm text-slate-600">No endpoints yet.</p>
          : (
            <ul class="divide-y divide-slate-200" aria-label="Webhook endpoints">
              {o.endpoints.map((e) => (
                <li class="py-3 text-sm">
                  <a class="break-all font-mono underline" href={`${self}/webhooks/${e.id}`}>{e.url}</a>
                  <p class="mt-1 text-slate-600">
                    <Status on={e.enabled}>{e.enabled ? (e.failing_since ? "Failing" : "Enabled") : "Disabled"}</Status>
                    {" "}
                    {e.description || (e.event_types.length ? e.event_types.join(", ") : "every event")}
                    {e.failing_since ? ` · failing since ${formatTime(e.failing_since)}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        <p class="mt-4">
          <a
            href={`${self}/webhooks/new`}
            class="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Add endpoint
          </a>
        </p>
      </Panel>

      <Panel title="API keys" description="For your own code and integrations on the REST API.">
        <p class="text-sm">
          <Status on={o.activeApiKeys > 0}>
            {o.activeApiKeys === 1 ? "1 active key" : `${o.activeApiKeys} active keys`}
          </Status>{" "}
          <a class="underline" href={`${base}/api-keys`}>Manage API keys</a> ·{" "}
          <a class="underline" href="/docs/api">API documentation</a>
        </p>
      </Panel>

      <Panel title="Stripe billing">
        <p class="text-sm">
          <Status on={o.stripe.configured}>{o.stripe.configured ? "Connected" : "Not set up"}</Status> {o.stripe.plan}
          {" "}
          plan ({o.stripe.standing})
          {can(auth.role, "billing.manage")
            ? (
              <>
                {" · "}
                <a class="underline" href={`${base}/billing`}>Billing</a>
              </>
            )
            : null}
        </p>
      </Panel>

      <Panel title="Email">
        <p class="text-sm">
          {o.email === "resend"
            ? (
              <>
                <Status on>Resend</Status> Emails are sent through Resend.
              </>
            )
            : (
              <>
                <Status on={false}>Development mailbox</Status>{" "}
                No Resend key is set: emails are kept in the server's mailbox page.
              </>
            )}
        </p>
      </Panel>

      <Panel title="File storage">
        <p class="text-sm">
          <Status on={false}>Not available yet</Status> File uploads are not built yet.
        </p>
      </Panel>
    </div>
  );
}
