/**
 * Webhooks in the job system: every record event with a webhook type becomes deliveries to the org's
 * subscribed endpoints in the transaction that writes it; `webhook.deliver` makes one attempt; the log
 * is kept 30 days (a daily clean-up).
 */
import { sql } from "kysely";
import * as z from "zod";
import { asPurgeOf } from "../data/scope.ts";
import { defineJob, defineRecurring } from "../jobs/registry.ts";
import { onRecordEvent } from "../records/history.ts";
import { runAttempt } from "./deliver.ts";
import { eventTypeOf } from "./events.ts";
import { AttemptJob, DELIVER_JOB, queueWebhookEvent } from "./queue.ts";
import { recordData } from "./representation.ts";

// The schedule, not the job system's backoff, retries a delivery: an attempt's job fails only when the
// database does (and is then retried, the attempt still unmade).
defineJob(DELIVER_JOB, AttemptJob, (payload, job) => runAttempt(job.orgId!, payload), { label: "Webhook delivery" });

export const KEEP_DAYS = 30;

defineJob("webhook.cleanup", z.object({}), async () => {
  await asPurgeOf(
    "webhook_deliveries",
    (trx) =>
      sql`DELETE FROM webhook_deliveries WHERE created_at < now() - make_interval(days => ${KEEP_DAYS})`.execute(trx),
  );
}, { label: "Webhook log clean-up" });
defineRecurring({ kind: "webhook.cleanup", everyMinutes: 24 * 60 });

onRecordEvent(async (q, e) => {
  const type = eventTypeOf(e);
  if (!type) return;
  const hasEndpoint = await q.selectFrom("webhook_endpoints").select("id").where("enabled", "=", true).limit(1)
    .executeTakeFirst();
  if (!hasEndpoint) return;
  const data = await recordData(q, e.recordType, e.recordId);
  if (data) await queueWebhookEvent(q, type, e.at, data);
});
