import assert from "node:assert/strict";
import { connectSlack } from "@/lib/slack/connection.ts";
import { queueSlackMessage } from "@/lib/slack/jobs.ts";
import { testMessage } from "@/lib/slack/messages.ts";
import { addCompany } from "../helpers/records.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";
import { drainJobs, makeDue } from "../helpers/jobs.ts";
import { ownerActor, winDeal } from "../helpers/webhooks.ts";
import { slackStandIn } from "../fixtures/slack_standin.ts";

Deno.test("a won deal posts a Block Kit message to the org's Slack channel, retried until Slack takes it", async () => {
  const app = await testApp();
  const slack = slackStandIn();
  try {
    const world = await dealWorld(app);
    const [unposted] = await world.addDeals(world.pipeline.stages[0].id, ["Before Slack"]);
    await winDeal(world, unposted);
    await world.run((q) => connectSlack(q, ownerActor(world), { webhook_url: slack.url, channel_label: "#sales" }));
    const company = await addCompany(world.org.id, world.user.id, "Acme <Corp>");
    const [id] = await world.addDeals(world.pipeline.stages[0].id, ["Acme: 25 seats"], 1_250_000);
    await world.run((q) => q.updateTable("deals").set({ company_id: company }).where("id", "=", id).execute());
    slack.status = 500;
    await winDeal(world, id);
    await drainJobs();
    assert.equal(slack.messages.length, 0);
    slack.status = 200;
    await makeDue();
    await drainJobs();

    assert.equal(slack.messages.length, 1, "one message, for the deal won after connecting");
    const [message] = slack.messages;
    assert.equal(message.text, "Deal won: Acme: 25 seats ($12,500)");
    const text = JSON.stringify(message.blocks);
    assert.ok(text.includes(`<http://localhost:8000/app/${world.org.slug}/deals/${id}|Acme: 25 seats>`), text);
    assert.ok(text.includes("$12,500"));
    assert.ok(text.includes("Olive Owner"));
    assert.ok(text.includes("Acme &lt;Corp&gt;"), "names are escaped for mrkdwn");
    assert.ok(text.includes(world.pipeline.name));
    assert.deepEqual(message.blocks!.map((b) => b.type), ["section", "section"]);

    assert.equal(await world.run((q) => queueSlackMessage(q, testMessage(world.org.name))), true);
    await drainJobs();
    assert.match(slack.messages[1].text, /NexaCRM is connected/);
  } finally {
    await slack.close();
    await app.close();
  }
});
