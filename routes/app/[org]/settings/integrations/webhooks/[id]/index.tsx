/** One webhook endpoint: its state, edit form, test event, secret rotation, removal, and its delivery log. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Select } from "@/components/Form.tsx";
import { EndpointForm, endpointValues, SecretNotice } from "@/components/integrations/EndpointForm.tsx";
import { DeliveryStatus } from "@/components/integrations/DeliveryStatus.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm } from "@/lib/http/forms.ts";
import { orgPath, withQuery } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { parseId } from "@/lib/records/records.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { EndpointAction, REPLAY_WINDOWS, runEndpointAction } from "@/lib/webhooks/actions.ts";
import {
  type EndpointSummary,
  getEndpoint,
  parseEndpointForm,
  rotateSecret,
  updateEndpoint,
} from "@/lib/webhooks/endpoints.ts";
import { EVENT_TYPES, TEST_EVENT } from "@/lib/webhooks/events.ts";
import { type DeliveryRow, listDeliveries, LogFilter } from "@/lib/webhooks/log.ts";

interface Data {
  endpoint: EndpointSummary;
  log: { rows: DeliveryRow[]; next: string | null };
  filter: LogFilter;
  values: FormValues;
  errors?: FieldErrors;
  secret?: string;
}
type State = { auth: AuthContext };

const NOTICES: Record<string, string> = {
  saved: "Endpoint saved.",
  test: "Test event queued: it appears in the log below in a moment.",
  replayed: "Delivery queued again.",
};

async function load(auth: AuthContext, id: string, url: URL) {
  const filter = LogFilter.parse(Object.fromEntries(url.searchParams));
  return await withOrg(tenantOf(auth), async (q) => {
    const endpoint = await getEndpoint(q, id);
    return { endpoint, log: await listDeliveries(q, id, filter), filter };
  });
}

export const handler: Handlers<Data, State> = {
  async GET(req, ctx) {
    const loaded = await load(ctx.state.auth, parseId(ctx.params.id), new URL(req.url));
    return ctx.render({ ...loaded, values: endpointValues(loaded.endpoint) });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const values = await readForm(req);
    const actor = actorOf(auth, ctx.remoteAddr);
    const base = orgPath(auth.org.slug, "settings", "integrations");
    if (values.intent === "rotate") {
      const secret = await withOrg(tenantOf(auth), (q) => rotateSecret(q, actor, id));
      const loaded = await load(auth, id, new URL(req.url));
      return ctx.render({ ...loaded, values: endpointValues(loaded.endpoint), secret });
    }
    if (values.intent === "update") {
      const form = parseEndpointForm(values);
      if (!form.ok) {
        const loaded = await load(auth, id, new URL(req.url));
        return ctx.render({ ...loaded, values: form.values, errors: form.errors }, { status: 422 });
      }
      await withOrg(tenantOf(auth), (q) => updateEndpoint(q, actor, id, form.data));
      return redirect(`${base}/webhooks/${id}?notice=saved`);
    }
    const action = EndpointAction.safeParse(values);
    if (!action.success) {
      const loaded = await load(auth, id, new URL(req.url));
      const errors = { _form: action.error.issues[0].message };
      return ctx.render({ ...loaded, values: endpointValues(loaded.endpoint), errors }, { status: 422 });
    }
    const notice = await withOrg(
      tenantOf(auth),
      (q) => runEndpointAction(q, actor, auth.org, id, action.data),
    );
    return redirect(
      notice === "deleted" ? `${base}?notice=endpoint_deleted` : `${base}/webhooks/${id}?notice=${notice}`,
    );
  },
};

function noticeText(notice: string | null): string | undefined {
  const replayed = notice?.match(/^replayed:(\d+)$/);
  if (replayed) return `${replayed[1]} failed ${replayed[1] === "1" ? "delivery" : "deliveries"} queued again.`;
  return NOTICES[notice ?? ""];
}

function State({ endpoint }: { endpoint: EndpointSummary }) {
  if (!endpoint.enabled) {
    return (
      <p class="text-sm font-medium text-red-700">
        Disabled{endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ""}
      </p>
    );
  }
  if (endpoint.failing_since) {
    return (
      <p class="text-sm font-medium text-amber-700">Enabled · failing since {formatTime(endpoint.failing_since)}</p>
    );
  }
  return <p class="text-sm font-medium text-green-700">Enabled</p>;
}

export default function EndpointPage({ data, state, url }: PageProps<Data, State>) {
  const { endpoint, log, filter } = data;
  const base = orgPath(state.auth.org.slug, "settings", "integrations");
  const self = `${base}/webhooks/${endpoint.id}`;
  const notice = noticeText(url.searchParams.get("notice"));
  const types: [string, string][] = [
    ["", "All events"],
    ...[TEST_EVENT, ...EVENT_TYPES].map((t): [string, string] => [t, t]),
  ];
  return (
    <div class="max-w-4xl">
      <PageHeader title="Webhook endpoint" intro={<a href={base} class="underline">Back to integrations</a>} />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {data.secret
        ? <SecretNotice secret={data.secret} intro="New secret made. The old one keeps signing for 24 hours." />
        : null}
      {data.errors?._form
        ? <div role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">{data.errors._form}</div>
        : null}
      <Panel title="Endpoint" description={<span class="break-all font-mono">{endpoint.url}</span>}>
        <State endpoint={endpoint} />
        <p class="mt-1 text-sm text-slate-600">
          {endpoint.event_types.length ? endpoint.event_types.join(", ") : "Every event"}
          {endpoint.previous_secret_until && endpoint.previous_secret_until > new Date()
            ? ` · the previous secret also signs until ${formatTime(endpoint.previous_secret_until)}`
            : ""}
        </p>
        <div class="mt-4 flex flex-wrap gap-2">
          <form method="post" action={self}>
            <input type="hidden" name="intent" value="test" />
            <Button kind="secondary">Send test event</Button>
          </form>
          <form method="post" action={self}>
            <input type="hidden" name="intent" value="rotate" />
            <Button kind="secondary">Rotate secret</Button>
          </form>
          <form method="post" action={self}>
            <input type="hidden" name="intent" value="delete" />
            <Button kind="danger">Delete endpoint</Button>
          </form>
        </div>
      </Panel>
      <Panel
        title="Delivery log"
        description="Each event sent here, newest first, kept 30 days. Open one for its attempts."
      >
        <form method="get" action={self} class="flex flex-wrap items-end gap-3">
          <Select
            name="status"
            label="Status"
            value={filter.status}
            options={[["all", "All"], ["pending", "Pending"], ["succeeded", "Succeeded"], ["failed", "Failed"]]}
          />
          <Select name="type" label="Event type" value={filter.type} options={types} />
          <div class="mb-4">
            <Button kind="secondary">Filter</Button>
          </div>
        </form>
        {log.rows.length === 0
          ? <p class="text-sm text-slate-600">No deliveries yet.</p>
          : (
            <div class="overflow-x-auto">
              <table class="w-full text-left text-sm">
                <caption class="sr-only">Deliveries, newest first</caption>
                <thead class="text-slate-600">
                  <tr>
                    <th scope="col" class="py-2 pr-3 font-medium">Event</th>
                    <th scope="col" class="py-2 pr-3 font-medium">Status</th>
                    <th scope="col" class="py-2 pr-3 font-medium">Attempts</th>
                    <th scope="col" class="py-2 pr-3 font-medium">Created</th>
                    <th scope="col" class="py-2 font-medium">Next attempt</th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-slate-200">
                  {log.rows.map((d) => (
                    <tr>
                      <td class="py-2 pr-3">
                        <a class="font-mono underline" href={`${base}/deliveries/${d.id}`}>{d.event_type}</a>
                      </td>
                      <td class="py-2 pr-3">
                        <DeliveryStatus status={d.status} />
                      </td>
                      <td class="py-2 pr-3">{d.attempts}</td>
                      <td class="py-2 pr-3">{formatTime(d.created_at)}</td>
                      <td class="py-2">
                        {d.status === "pending" && d.next_attempt_at ? formatTime(d.next_attempt_at) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        {log.next
          ? (
            <p class="mt-4 text-sm">
              <a
                class="underline"
                href={withQuery(self, { status: filter.status, type: filter.type, before: log.next })}
              >
                Older deliveries
              </a>
            </p>
          )
          : null}
        <form method="post" action={self} class="mt-6 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="replay_failed" />
          <Select
            name="hours"
            label="Replay every failed delivery of"
            value="24"
            options={Object.entries(REPLAY_WINDOWS)}
          />
          <div class="mb-4">
            <Button kind="secondary">Replay failed</Button>
          </div>
        </form>
      </Panel>
      <Panel title="Edit">
        <EndpointForm action={self} intent="update" values={data.values} errors={data.errors} submit="Save endpoint" />
      </Panel>
    </div>
  );
}
