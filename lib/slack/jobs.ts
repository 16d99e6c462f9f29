/**
 * Slack in the job system: a won deal becomes a `slack.post` job in the transaction that wins it (when the
 * org has connected Slack); the job posts to the org's incoming webhook as it is when the job runs, and
 * a failure is retried with the job system's backoff.
 */
import type { OrgScope } from "../data/scope.ts";
import { withOrg } from "../data/scope.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { defineJob } from "../jobs/registry.ts";
import { onRecordEvent } from "../records/history.ts";
import { postJson, succeeded } from "../webhooks/send.ts";
import { getSlack } from "./connection.ts";
import { dealWonMessage, SlackMessage } from "./messages.ts";

export const SLACK_JOB = "slack.post";

async function post(orgId: string, message: SlackMessage): Promise<void> {
  const slack = await withOrg({ orgId }, getSlack);
  if (!slack) return; // disconnected since: nothing to post to
  const outcome = await postJson(slack.webhook_url, { "content-type": "application/json" }, JSON.stringify(message));
  if (!succeeded(outcome)) {
    throw new Error(outcome.error ?? `Slack answered ${outcome.status}: ${outcome.body.slice(0, 200)}`);
  }
}

defineJob(SLACK_JOB, SlackMessage, (message, job) => post(job.orgId!, message), { label: "Slack message" });

/**
 * Queues a message to the org's Slack channel in `q`'s transaction (for automation's "post to Slack"
 * action too); false when the org has not connected Slack.
 */
export async function queueSlackMessage(q: OrgScope, message: SlackMessage): Promise<boolean> {
  if (!await getSlack(q)) return false;
  await enqueue(q, SLACK_JOB, message);
  return true;
}

onRecordEvent(async (q, e) => {
  if (e.recordType !== "deal" || e.kind !== "won" || !await getSlack(q)) return;
  const message = await dealWonMessage(q, e.recordId);
  if (message) await enqueue(q, SLACK_JOB, message, { key: `slack:won:${e.id}` });
});
