/** One delivery: what was sent, and each attempt with its request headers, answer, duration and next retry. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { DeliveryStatus } from "@/components/integrations/DeliveryStatus.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { parseId } from "@/lib/records/records.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { getDelivery, replayDelivery } from "@/lib/webhooks/log.ts";

type Data = Awaited<ReturnType<typeof getDelivery>>;
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const id = parseId(ctx.params.id);
    return ctx.render(await withOrg(tenantOf(ctx.state.auth), (q) => getDelivery(q, id)));
  },
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const queued = await withOrg(tenantOf(auth), (q) => replayDelivery(q, actorOf(auth, ctx.remoteAddr), id));
    const self = orgPath(auth.org.slug, "settings", "integrations", "deliveries", id);
    return redirect(`${self}?notice=${queued ? "replayed" : "pending"}`);
  },
};

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const NOTICES: Record<string, string> = {
  replayed: "Queued again: the new attempt appears below in a moment.",
  pending: "This delivery is still pending: its next attempt is already scheduled.",
};

export default function DeliveryPage({ data, state, url }: PageProps<Data, State>) {
  const { delivery, attempts } = data;
  const endpoint = orgPath(state.auth.org.slug, "settings", "integrations", "webhooks", delivery.endpoint_id);
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  return (
    <div class="max-w-4xl">
      <PageHeader
        title={`Delivery of ${delivery.event_type}`}
        intro={<a href={endpoint} class="underline">Back to the endpoint</a>}
      />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <Panel title="Delivery" description={<span class="font-mono">webhook-id {delivery.id}</span>}>
        <p class="text-sm">
          <DeliveryStatus status={delivery.status} /> · {delivery.attempts}{" "}
          {delivery.attempts === 1 ? "attempt" : "attempts"} · created {formatTime(delivery.created_at)}
          {delivery.status === "pending" && delivery.next_attempt_at
            ? ` · next attempt ${formatTime(delivery.next_attempt_at)}`
            : ""}
        </p>
        <form method="post" class="mt-4">
          <Button kind="secondary">Replay</Button>
        </form>
        <h3 class="mt-4 text-sm font-medium">Body</h3>
        <pre
          tabIndex={0}
          aria-label="Body"
          class="mt-1 max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs"
        >{pretty(delivery.body)}</pre>
      </Panel>
      <Panel title="Attempts">
        {attempts.length === 0 ? <p class="text-sm text-slate-600">Not attempted yet.</p> : (
          <ol class="space-y-6">
            {attempts.map((a) => (
              <li>
                <h3 class="text-sm font-medium">
                  Attempt {a.attempt} · {formatTime(a.created_at)} ·{" "}
                  {a.response_status === null ? "no answer" : `HTTP ${a.response_status}`} · {a.duration_ms} ms
                  {a.next_attempt_at ? ` · next attempt ${formatTime(a.next_attempt_at)}` : ""}
                </h3>
                {a.error ? <p class="mt-1 text-sm text-red-700">{a.error}</p> : null}
                <details class="mt-1 text-sm">
                  <summary class="cursor-pointer">Request headers and response</summary>
                  <pre
                    tabIndex={0}
                    aria-label="Request headers"
                    class="mt-1 overflow-auto rounded-md bg-slate-50 p-3 text-xs"
                  >{Object.entries(a.request_headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
                  <p class="mt-2 text-xs text-slate-600">Response (first 4 KB)</p>
                  <pre
                    tabIndex={0}
                    aria-label="Response"
                    class="mt-1 max-h-64 overflow-auto rounded-md bg-slate-50 p-3 text-xs"
                  >{a.response_body || "(empty)"}</pre>
                </details>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}
