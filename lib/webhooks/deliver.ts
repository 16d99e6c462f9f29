/**
 * One attempt of a delivery (the `webhook.deliver` job): sign, POST, log the attempt, then settle it.
 * 2xx: succeeded. 410 Gone: the endpoint is disabled at once. Anything else: the next attempt is scheduled
 * (schedule.ts), or the delivery is failed after the last; an endpoint failing for 5 days is disabled and
 * the org's owners and admins are emailed. The job is idempotent: an attempt already made is not made again.
 */
import { withOrg } from "../data/scope.ts";
import type { OrgScope } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { queueEmail } from "../email/jobs.ts";
import { orgPath } from "../http/paths.ts";
import { webhookNow } from "./clock.ts";
import { signingSecrets } from "./endpoints.ts";
import { TEST_EVENT } from "./events.ts";
import { type AttemptJob, scheduleAttempt } from "./queue.ts";
import { DISABLE_AFTER_MS, nextStepDelay } from "./schedule.ts";
import { postJson, type SendOutcome, succeeded } from "./send.ts";
import { signedHeaders } from "./signing.ts";

interface Target {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What this attempt sends, or a reason it sends nothing; null when it is not this attempt's turn. */
async function prepare(q: OrgScope, job: AttemptJob): Promise<Target | { skip: string } | null> {
  const d = await q.selectFrom("webhook_deliveries")
    .innerJoin("webhook_endpoints", "webhook_endpoints.id", "webhook_deliveries.endpoint_id")
    .select(["webhook_deliveries.body", "webhook_deliveries.event_type", "webhook_endpoints.url"])
    .select(["webhook_endpoints.enabled", "webhook_endpoints.id as endpoint_id"])
    .where("webhook_deliveries.id", "=", job.deliveryId)
    .where("webhook_deliveries.status", "=", "pending")
    .where("webhook_deliveries.attempts", "=", job.attempt - 1)
    .where("webhook_endpoints.org_id", "=", q.orgId)
    .executeTakeFirst();
  if (!d) return null;
  if (!d.enabled && d.event_type !== TEST_EVENT) return { skip: "Not sent: the endpoint is disabled" };
  const signed = signedHeadersFor(job.deliveryId, d.body, await signingSecrets(q, d.endpoint_id));
  return { url: d.url, body: d.body, headers: signed };
}

function signedHeadersFor(id: string, body: string, secrets: string[]): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "NexaCRM-Webhooks/1",
    ...signedHeaders(id, new Date(), body, secrets),
  };
}

async function disable(q: OrgScope, endpointId: string, reason: string): Promise<void> {
  await q.updateTable("webhook_endpoints").set({ enabled: false, disabled_reason: reason, updated_at: new Date() })
    .where("id", "=", endpointId).execute();
}

async function tellAdmins(q: OrgScope, endpoint: { id: string; url: string }): Promise<void> {
  const org = await q.trx.selectFrom("orgs").select(["name", "slug"]).where("id", "=", q.orgId)
    .executeTakeFirstOrThrow();
  const admins = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select("users.email").where("memberships.role", "in", ["OWNER", "ADMIN"]).execute();
  const link = services().config.APP_URL + orgPath(org.slug, "settings", "integrations", "webhooks", endpoint.id);
  for (const { email } of admins) {
    await queueEmail(q, {
      to: email,
      subject: `Webhook endpoint disabled in ${org.name}`,
      text: `The webhook endpoint ${endpoint.url} of ${org.name} has failed every delivery for 5 days, ` +
        `so NexaCRM has disabled it. Fix the receiver, then enable it again and replay the failed deliveries:\n\n${link}\n`,
    });
  }
}

/** Follows an endpoint's run of failures: a success ends it; 410, or 5 days of it, disables the endpoint. */
async function trackEndpoint(q: OrgScope, endpointId: string, outcome: SendOutcome): Promise<void> {
  if (succeeded(outcome)) {
    await q.updateTable("webhook_endpoints").set({ failing_since: null }).where("id", "=", endpointId)
      .where("failing_since", "is not", null).execute();
    return;
  }
  if (outcome.status === 410) return await disable(q, endpointId, "The endpoint answered 410 Gone");
  const now = webhookNow();
  const e = await q.selectFrom("webhook_endpoints").select(["url", "enabled", "failing_since"])
    .where("id", "=", endpointId).forUpdate().executeTakeFirst();
  if (!e) return;
  if (!e.failing_since) {
    await q.updateTable("webhook_endpoints").set({ failing_since: now }).where("id", "=", endpointId).execute();
  } else if (e.enabled && now.getTime() - e.failing_since.getTime() >= DISABLE_AFTER_MS) {
    await disable(q, endpointId, "Every delivery failed for 5 days");
    await tellAdmins(q, { id: endpointId, url: e.url });
  }
}

/** Logs the attempt and settles the delivery, unless another run of this attempt settled it first. */
async function settle(q: OrgScope, job: AttemptJob, headers: Record<string, string>, outcome: SendOutcome) {
  const ok = succeeded(outcome);
  const delay = ok || outcome.status === 410 ? null : nextStepDelay(job.step);
  const next = delay === null ? null : new Date(webhookNow().getTime() + delay);
  const settled = await q.updateTable("webhook_deliveries").set({
    attempts: job.attempt,
    status: ok ? "succeeded" : next ? "pending" : "failed",
    next_attempt_at: next,
  }).where("id", "=", job.deliveryId).where("attempts", "=", job.attempt - 1).returning("endpoint_id")
    .executeTakeFirst();
  if (!settled) return;
  await q.insertInto("webhook_attempts", {
    delivery_id: job.deliveryId,
    attempt: job.attempt,
    request_headers: JSON.stringify(headers),
    response_status: outcome.status,
    response_body: outcome.body,
    error: outcome.error,
    duration_ms: outcome.durationMs,
    next_attempt_at: next,
  }).execute();
  if (delay !== null) await scheduleAttempt(q, { ...job, attempt: job.attempt + 1, step: job.step + 1 }, delay);
  await trackEndpoint(q, settled.endpoint_id, outcome);
}

export async function runAttempt(orgId: string, job: AttemptJob): Promise<void> {
  const tenant = { orgId };
  const target = await withOrg(tenant, (q) => prepare(q, job));
  if (!target) return;
  if ("skip" in target) {
    const outcome = { status: null, body: "", error: target.skip, durationMs: 0 };
    await withOrg(tenant, (q) => settle(q, { ...job, step: Infinity }, {}, outcome));
    return;
  }
  const outcome = await postJson(target.url, target.headers, target.body);
  await withOrg(tenant, (q) => settle(q, job, target.headers, outcome));
}
