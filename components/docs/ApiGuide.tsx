/** The hand-written part of /docs/api: from a new key to paging, idempotency, errors and limits. */
import type { ComponentChildren } from "preact";
import { IDEMPOTENCY_HOURS } from "@/lib/api/idempotency.ts";
import { MAX_LIMIT } from "@/lib/api/lists.ts";
import { PROBLEMS, type ProblemType } from "@/lib/api/problem.ts";
import { PLANS } from "@/lib/billing/plans.ts";

function Code({ children }: { children: string }) {
  return (
    <pre tabIndex={0} class="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
      <code>{children}</code>
    </pre>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="mt-10">
      <h2 id={id} class="text-xl font-semibold tracking-tight">{title}</h2>
      <div class="mt-3 space-y-3 text-sm leading-6 text-slate-700">{children}</div>
    </section>
  );
}

const n = (v: number) => v.toLocaleString("en-US");

export function ApiGuide({ origin }: { origin: string }) {
  const base = `${origin}/api/v1`;
  return (
    <>
      <h1 class="text-3xl font-bold tracking-tight">NexaCRM REST API</h1>
      <p class="mt-3 text-slate-600">
        Read and write a workspace's companies, contacts, leads, deals, activities and tasks from your own code. JSON
        over HTTPS, one key per integration, cursor pages, safe retries.
      </p>
      <nav aria-label="On this page" class="mt-6 text-sm">
        <ul class="flex flex-wrap gap-x-4 gap-y-1 text-brand-700 underline">
          {[
            ["keys", "Keys"],
            ["first-request", "First request"],
            ["pagination", "Pages"],
            ["writing", "Writing"],
            ["errors", "Errors"],
            ["limits", "Limits"],
            ["webhooks", "Webhooks"],
            ["reference", "Reference"],
          ].map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="keys" title="1. Make a key">
        <p>
          An owner or admin opens <strong>Settings → API keys</strong> in the workspace, names the key, chooses{" "}
          <em>Read only</em> or <em>Read and write</em> and, if wanted, an expiry. The key (<code>nxc_</code>{" "}
          and 32 characters) is shown once: store it as a secret. It acts as the admin who made it, with their role at
          the time of each request, sees what they see, and stops working when it is revoked, when it expires, or when
          that admin leaves the workspace. Every request sends it as a bearer token; a browser's session cookie does not
          count, and cross-origin browser calls are refused.
        </p>
      </Section>

      <Section id="first-request" title="2. First request">
        <Code>
          {`export NEXA_KEY=nxc_…   # your key
curl ${base}/me -H "Authorization: Bearer $NEXA_KEY"
curl "${base}/contacts?limit=10" -H "Authorization: Bearer $NEXA_KEY"`}
        </Code>
        <p>
          <code>/me</code>{" "}
          names the workspace, what the key may do, who it acts as and the plan's limits. Amounts are integers in minor
          units of the workspace's currency (<code>value_minor: 125050</code>{" "}
          is 1,250.50 USD); times are ISO 8601 in UTC.
        </p>
      </Section>

      <Section id="pagination" title="3. Page through a list">
        <p>
          Lists answer <code>{`{ "data": [...], "has_more": true, "next_cursor": "…" }`}</code>. Ask for up to{" "}
          {MAX_LIMIT} items with <code>limit</code>, then pass <code>cursor</code> = the <code>next_cursor</code>{" "}
          you got, with the same filters and <code>sort</code>, until <code>has_more</code> is false (the{" "}
          <code>Link: rel="next"</code>{" "}
          header holds the next URL too). Pages stay consistent while records are added. Filters: <code>owner</code>
          {" "}
          (<code>me</code>, <code>none</code> or a member's id), <code>q</code> (words), <code>status</code>,{" "}
          <code>pipeline</code>, <code>stage</code>, and <code>updated_since</code> with <code>sort=updated</code>{" "}
          to sync changes.
        </p>
        <Code>
          {`cursor=""
while :; do
  page=$(curl -s "${base}/contacts?limit=${MAX_LIMIT}&cursor=$cursor" -H "Authorization: Bearer $NEXA_KEY")
  echo "$page" | jq -r '.data[].email'
  cursor=$(echo "$page" | jq -r '.next_cursor // empty')
  [ -z "$cursor" ] && break
done`}
        </Code>
      </Section>

      <Section id="writing" title="4. Create and change records, safely">
        <p>
          Send JSON with <code>Content-Type: application/json</code>{" "}
          (1 MiB at most; unknown fields are refused). Give every <code>POST</code> and <code>PATCH</code> an{" "}
          <code>Idempotency-Key</code>: if the network fails and you retry with the same key and body within{" "}
          {IDEMPOTENCY_HOURS} hours, you get the first answer again (marked{" "}
          <code>Idempotent-Replayed: true</code>) and the deal is created once. The same key with another body is a 422;
          a retry while the first request still runs is a 409.
        </p>
        <Code>
          {`curl -X POST ${base}/deals -H "Authorization: Bearer $NEXA_KEY" \\
  -H "Content-Type: application/json" -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"title": "Acme: 25 seats", "value_minor": 1250000}'

curl -X POST ${base}/deals/DEAL_ID/move -H "Authorization: Bearer $NEXA_KEY" \\
  -H "Content-Type: application/json" -d '{"stage_id": "STAGE_ID"}'   # stages: GET /pipelines
curl -X POST ${base}/deals/DEAL_ID/won -H "Authorization: Bearer $NEXA_KEY"`}
        </Code>
        <p>
          <code>PATCH</code> changes only the fields you send. Every record carries a <code>version</code>, sent as its
          {" "}
          <code>ETag</code>; send it back as <code>If-Match</code>{" "}
          and the change is refused with 412 if someone changed the record since you read it. <code>DELETE</code>{" "}
          moves a record to the trash; <code>POST …/restore</code> brings it back within 30 days. Leads have{" "}
          <code>qualify</code>, <code>disqualify</code> and <code>convert</code>; deals <code>move</code>,{" "}
          <code>won</code>, <code>lost</code> and <code>reopen</code>; tasks <code>complete</code> and{" "}
          <code>reopen</code>.
        </p>
      </Section>

      <Section id="errors" title="5. Errors">
        <p>
          Errors are <code>application/problem+json</code> (RFC 9457): a stable <code>type</code>{" "}
          naming one of the problems below, a <code>title</code>, a <code>detail</code>{" "}
          for people, and for invalid input an <code>errors</code> list with a JSON pointer to each field.
        </p>
        <Code>
          {`HTTP/1.1 422 Unprocessable Content
Content-Type: application/problem+json

{"type": "/docs/api#problem-validation-failed", "title": "The body is invalid", "status": 422,
 "detail": "Some fields are invalid: see errors.", "instance": "/api/v1/contacts",
 "errors": [{"pointer": "/email", "detail": "Enter a valid email address"}]}`}
        </Code>
        <dl class="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {(Object.entries(PROBLEMS) as [ProblemType, (typeof PROBLEMS)[ProblemType]][]).map((
            [type, [status, title]],
          ) => (
            <div key={type} id={`problem-${type}`} class="px-4 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
              <dt class="font-mono text-xs text-slate-900">{status} {type}</dt>
              <dd class="sm:col-span-2">{title}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="limits" title="6. Rate limits and the monthly allowance">
        <p>
          Each key may make a number of requests a minute, and each workspace a number of calls a month, set by its
          plan. Every answer carries <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and{" "}
          <code>RateLimit-Reset</code> (seconds); over the minute's limit you get 429 with <code>Retry-After</code>{" "}
          — wait that long. Past the month's allowance calls are refused with 402 until the next month or an upgrade;
          owners see the month's count on the billing page.
        </p>
        <table class="w-full text-left text-sm">
          <caption class="sr-only">API limits per plan</caption>
          <thead class="text-slate-500">
            <tr>
              <th scope="col" class="py-1 font-medium">Plan</th>
              <th scope="col" class="py-1 font-medium">Requests a minute, per key</th>
              <th scope="col" class="py-1 font-medium">Calls a month</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(PLANS).map((p) => (
              <tr key={p.id} class="border-t border-slate-100">
                <th scope="row" class="py-1 font-medium">{p.name}</th>
                <td class="py-1">{n(p.limits.apiRequestsPerMinute)}</td>
                <td class="py-1">{n(p.limits.apiCallsPerMonth)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="webhooks" title="7. Webhooks">
        <p>
          Owners and admins add endpoints under Settings → Integrations, choosing event types (or all):{" "}
          <code>deal.created</code>, <code>deal.updated</code>, <code>deal.stage_changed</code>, <code>deal.won</code>,
          {" "}
          <code>deal.lost</code>, <code>deal.deleted</code>, <code>lead.created</code>, <code>lead.converted</code>,
          {" "}
          <code>contact.created</code>, <code>contact.updated</code>, <code>company.created</code>,{" "}
          <code>company.updated</code>. Each event is a POST of <code>{"{ type, timestamp, data }"}</code>, where{" "}
          <code>data</code> is the record exactly as this API returns it.
        </p>
        <p class="mt-2">
          Requests are signed per <a class="underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a>
          {" "}
          (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
          <code>webhook-signature</code>): verify them with the endpoint's <code>whsec_</code>{" "}
          secret and any of the spec's libraries. After a secret rotation both secrets sign for 24 hours. Answer 2xx
          within 10 s; anything else is retried 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 10 h later under the same
          {" "}
          <code>webhook-id</code>{" "}
          (deduplicate on it); 410 Gone disables the endpoint. Every attempt is in the endpoint's delivery log for 30
          days, where deliveries can be replayed. An automation rule's "Call a webhook" action sends{" "}
          <code>automation.rule_matched</code> (<code>data</code>: the rule's <code>id</code> and <code>name</code>,
          {" "}
          <code>record_type</code> and the <code>record</code>{" "}
          as the API returns it) to the endpoint it names, whatever that endpoint subscribes to.
        </p>
      </Section>
    </>
  );
}
