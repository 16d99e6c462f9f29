import assert from "node:assert/strict";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { dealWorld } from "../helpers/deals.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { winDeal } from "../helpers/webhooks.ts";
import { webhookReceiver } from "../fixtures/webhook_receiver.ts";
import { slackStandIn } from "../fixtures/slack_standin.ts";

Deno.test("admins manage endpoints and Slack under settings → integrations; members cannot", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  const slack = slackStandIn();
  try {
    const world = await dealWorld(app);
    const base = `/app/${world.org.slug}/settings/integrations`;
    const member = await world.addMember("MEMBER");
    assert.equal((await member.client.fetch(base)).status, 403);
    assert.equal((await member.client.fetch(`${base}/webhooks/new`, form({ url: receiver.url }))).status, 403);
    const shell = await (await world.client.fetch(`/app/${world.org.slug}`)).text();
    assert.match(shell, /href="[^"]*\/settings\/integrations"/);
    assert.doesNotMatch(await (await member.client.fetch(`/app/${world.org.slug}`)).text(), /settings\/integrations/);

    const page = await world.client.fetch(base);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const name of ["Slack", "Webhooks", "API keys", "Stripe billing", "Email", "File storage"]) {
      assert.ok(html.includes(name), name);
    }

    // Bad input: field errors, the form again.
    for (
      const [url, message] of [
        ["", "Enter a URL"],
        ["not a url", "Enter a full URL"],
        [`https://example.com/${"x".repeat(10_000)}`, "At most 2000"],
        ["http://169.254.169.254/latest", "private"],
        ["ftp://example.com/", "https://"],
      ]
    ) {
      const res = await world.client.fetch(`${base}/webhooks/new`, form({ url, "event:deal.won": "on" }));
      assert.equal(res.status, 422, url.slice(0, 40));
      assert.ok((await res.text()).includes(message), `${url.slice(0, 40)}: ${message}`);
    }
    const badType = await world.client.fetch(
      `${base}/webhooks/new`,
      form({ url: receiver.url, "event:deal.💥": "on" }),
    );
    assert.equal(badType.status, 422);
    assert.match(await badType.text(), /Choose event types from the list/);

    const made = await world.client.fetch(
      `${base}/webhooks/new`,
      form({ url: receiver.url, description: "Ünïcode ✓ receiver", "event:deal.won": "on", enabled: "on" }),
    );
    assert.equal(made.status, 200);
    const madeHtml = await made.text();
    const secret = madeHtml.match(/value="(whsec_[^"]+)"/)![1];
    const endpointPath = madeHtml.match(/href="([^"]*\/webhooks\/[0-9a-f-]{36})"/)![1];
    receiver.trust(secret);

    assert.equal((await world.client.fetch(endpointPath, form({ intent: "test" }))).status, 303);
    const [id] = await world.addDeals(world.pipeline.stages[0].id, ["Won through the page"]);
    await winDeal(world, id);
    await drainJobs();
    assert.deepEqual(receiver.received.map((r) => r.payload.type), ["webhook.test", "deal.won"]);

    const log = await (await world.client.fetch(endpointPath)).text();
    assert.equal((log.match(/>succeeded</g) ?? []).length, 2);
    const wonOnly = await (await world.client.fetch(`${endpointPath}?type=deal.won&status=succeeded`)).text();
    assert.equal((wonOnly.match(/>succeeded</g) ?? []).length, 1);
    const garbageFilter = await world.client.fetch(`${endpointPath}?type=%00%FF&status=bogus&before=nope`);
    assert.equal(garbageFilter.status, 200);

    const deliveryPath = log.match(/href="([^"]*\/deliveries\/[0-9a-f-]{36})"/)![1];
    const delivery = await (await world.client.fetch(deliveryPath)).text();
    assert.match(delivery, /webhook-signature: v1,/);
    assert.match(delivery, /HTTP 200/);
    assert.equal((await world.client.fetch(deliveryPath, form({}))).status, 303);
    await drainJobs();
    assert.equal(receiver.received.length, 3, "replayed");

    const rotated = await (await world.client.fetch(endpointPath, form({ intent: "rotate" }))).text();
    const fresh = rotated.match(/value="(whsec_[^"]+)"/)![1];
    assert.notEqual(fresh, secret);
    const wrongAction = await world.client.fetch(endpointPath, form({ intent: "replay_failed", hours: "9999" }));
    assert.equal(wrongAction.status, 422);
    const badEdit = await world.client.fetch(endpointPath, form({ intent: "update", url: "javascript:alert(1)" }));
    assert.equal(badEdit.status, 422);

    // Slack: bad URL, connect, test message, disconnect.
    const badSlack = await world.client.fetch(base, form({ intent: "slack_connect", webhook_url: "hooks" }));
    assert.equal(badSlack.status, 422);
    assert.match(await badSlack.text(), /Enter a full URL/);
    const connected = await world.client.fetch(
      base,
      form({ intent: "slack_connect", webhook_url: slack.url, channel_label: "#sales" }),
    );
    assert.equal(connected.status, 303);
    const overview = await (await world.client.fetch(base)).text();
    assert.ok(overview.includes("Connected"));
    assert.ok(!overview.includes("XXXXXXXXXXXXXXXX"), "the Slack URL's secret part is not shown");
    await world.client.fetch(base, form({ intent: "slack_test" }));
    await drainJobs();
    assert.match(slack.messages[0].text, /NexaCRM is connected/);
    await world.client.fetch(base, form({ intent: "slack_disconnect" }));
    assert.ok((await (await world.client.fetch(base)).text()).includes("Not connected"));

    assert.equal((await world.client.fetch(endpointPath, form({ intent: "delete" }))).status, 303);
    assert.equal((await world.client.fetch(endpointPath)).status, 404);
  } finally {
    await slack.close();
    await receiver.close();
    await app.close();
  }
});
