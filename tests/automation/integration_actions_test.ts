import assert from "node:assert/strict";
import { retryAction } from "@/lib/automation/runs.ts";
import { connectSlack } from "@/lib/slack/connection.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { addEndpoint, ownerActor, winDeal } from "../helpers/webhooks.ts";
import { addRule, resultsOf, runsOf } from "../helpers/automation.ts";
import { slackStandIn } from "../fixtures/slack_standin.ts";
import { webhookReceiver } from "../fixtures/webhook_receiver.ts";

Deno.test("actions: notify a member in the bell, post to Slack, call a webhook endpoint with the record", async () => {
  const app = await testApp();
  const slack = slackStandIn();
  const receiver = webhookReceiver();
  try {
    const w = await dealWorld(app);
    const ann = await w.addMember("MEMBER", "Ann");
    // The endpoint subscribes to leads only: the rule's call reaches it all the same.
    const endpoint = await addEndpoint(w, receiver.url, { event_types: ["lead.created"] });
    receiver.trust(endpoint.secret);
    const rule = await addRule(w, {
      trigger_type: "deal.won",
      "actions.0.type": "notify",
      "actions.0.recipient": ann.user.id,
      "actions.0.message": "{{deal.title}} is won",
      "actions.1.type": "post_slack",
      "actions.1.message": "Won: {{deal.title}}",
      "actions.2.type": "call_webhook",
      "actions.2.endpoint": endpoint.id,
    });
    const [dealId] = await w.addDeals(w.pipeline.stages[0].id, ["Acme <b>"]);

    // Slack not connected yet: that action fails with its reason, the others are done.
    await winDeal(w, dealId);
    await drainJobs();
    const [first] = await runsOf(w, rule);
    const results = await resultsOf(w, first.id);
    assert.deepEqual(results.map((r) => r.status), ["succeeded", "failed", "succeeded"]);
    assert.match(results[1].error!, /Slack is not connected/);

    const notes = await w.run((q) =>
      q.selectFrom("notifications").select(["recipient_id", "type", "title", "link"]).execute()
    );
    assert.deepEqual(notes, [{
      recipient_id: ann.user.id,
      type: "automation",
      title: "Acme <b> is won",
      link: `/app/${w.org.slug}/deals/${dealId}`,
    }]);
    assert.equal(receiver.received.length, 1);
    const [call] = receiver.received;
    assert.equal(call.payload.type, "automation.rule_matched");
    assert.deepEqual(call.payload.data.rule, { id: rule, name: "Rule" });
    assert.equal(call.payload.data.record_type, "deal");
    assert.equal((call.payload.data.record as { id: string }).id, dealId);
    assert.equal(receiver.rejected, 0, "signed with the endpoint's secret");

    // Connected, a retry of the failed action posts, with the record's text escaped for mrkdwn.
    await w.run((q) => connectSlack(q, ownerActor(w), { webhook_url: slack.url, channel_label: "#wins" }));
    assert.ok(await w.run((q) => retryAction(q, first.id, 1)));
    await drainJobs();
    assert.deepEqual(slack.messages.map((m) => m.text), ["Won: Acme &lt;b&gt;"]);
    assert.equal(receiver.received.length, 1, "a retried action repeats no other action");
    assert.equal((await runsOf(w, rule))[0].status, "succeeded");

    // Saving refuses a stranger's endpoint and a member of no org.
    await assert.rejects(
      addRule(w, {
        trigger_type: "deal.won",
        "actions.0.type": "call_webhook",
        "actions.0.endpoint": crypto.randomUUID(),
        "actions.1.type": "notify",
        "actions.1.recipient": crypto.randomUUID(),
        "actions.1.message": "x",
      }),
      /Choose an endpoint of this organisation.*Choose a member of this organisation|Choose a member of this organisation.*Choose an endpoint of this organisation/,
    );
  } finally {
    await slack.close();
    await receiver.close();
    await app.close();
  }
});
