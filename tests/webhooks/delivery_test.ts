import assert from "node:assert/strict";
import * as z from "zod";
import { Deal } from "@/lib/api/resources/deals.ts";
import { rotateSecret } from "@/lib/webhooks/endpoints.ts";
import { replayDelivery, replayFailedSince } from "@/lib/webhooks/log.ts";
import { queueTestEvent } from "@/lib/webhooks/queue.ts";
import { RETRY_SCHEDULE_MS } from "@/lib/webhooks/schedule.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { addEndpoint, fakeClock, ownerActor, winDeal } from "../helpers/webhooks.ts";
import { webhookReceiver } from "../fixtures/webhook_receiver.ts";

const H = 3_600_000;

Deno.test("deal events reach a subscribed endpoint signed per Standard Webhooks, with the API's representation", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  try {
    const world = await dealWorld(app);
    const { secret } = await addEndpoint(world, receiver.url, { event_types: ["deal.created", "deal.won"] });
    const other = webhookReceiver();
    const { secret: otherSecret } = await addEndpoint(world, other.url, { event_types: ["lead.created"] });
    receiver.trust(secret);
    other.trust(otherSecret);
    const [id] = await world.addDeals(world.pipeline.stages[0].id, ["Acme: 25 seats"], 1_250_000);
    await winDeal(world, id);
    await drainJobs();
    await other.close();

    assert.equal(receiver.rejected, 0);
    assert.deepEqual(receiver.received.map((r) => r.payload.type), ["deal.created", "deal.won"]);
    const won = receiver.received[1].payload;
    assert.equal(won.data.id, id);
    assert.equal(won.data.status, "won");
    assert.equal(won.data.object, "deal");
    assert.equal(won.data.value_minor, 1_250_000);
    z.encode(Deal, won.data as z.output<typeof Deal>); // the API's own schema reads it back
    assert.ok(!Number.isNaN(Date.parse(won.timestamp)));
    assert.match(receiver.received[0].headers["webhook-signature"], /^v1,[A-Za-z0-9+/=]+$/);
    assert.equal(other.received.length, 0, "an endpoint gets only the types it subscribed to");
    assert.equal(other.requests, 0);

    const log = await world.run((q) => q.selectFrom("webhook_deliveries").select(["status", "attempts"]).execute());
    assert.deepEqual(log.map((d) => [d.status, d.attempts]), [["succeeded", 1], ["succeeded", 1]]);
    const attempt = await world.run((q) => q.selectFrom("webhook_attempts").selectAll().executeTakeFirstOrThrow());
    assert.equal(attempt.response_status, 200);
    assert.equal(attempt.response_body, "ok");
    assert.equal(attempt.request_headers["webhook-id"], receiver.received[0].id);
  } finally {
    await receiver.close();
    await app.close();
  }
});

Deno.test("a receiver down for 30 hours loses nothing: retries follow the schedule, failed ones replay", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  const clock = fakeClock();
  try {
    const world = await dealWorld(app);
    const { secret } = await addEndpoint(world, receiver.url);
    receiver.trust(secret);
    receiver.status = 503;
    const start = clock.now();
    const stage = world.pipeline.stages[0].id;
    // Deals are made through the outage: at its start, and 3, 10, 20 and 29 hours into it.
    const [first] = await world.addDeals(stage, ["Hour 0"]);
    const later: string[] = [];
    for (const hour of [3, 10, 20, 29]) {
      await clock.advanceTo(new Date(start.getTime() + hour * H));
      later.push(...await world.addDeals(stage, [`Hour ${hour}`]));
    }
    await clock.advanceTo(new Date(start.getTime() + 30 * H));
    assert.equal(receiver.received.length, 0);
    const firstAttempts = await world.run((q) =>
      q.selectFrom("webhook_attempts").innerJoin("webhook_deliveries", "webhook_deliveries.id", "delivery_id")
        .select(["webhook_attempts.created_at", "webhook_attempts.response_status", "webhook_deliveries.status"])
        .where("webhook_deliveries.body", "like", `%${first}%`).orderBy("attempt").execute()
    );
    // By then the first event has made 8 attempts, all answered 503; its last is due at 37 h 35 min.
    assert.equal(firstAttempts.length, RETRY_SCHEDULE_MS.length - 1);
    assert.ok(firstAttempts.every((a) => a.response_status === 503 && a.status === "pending"));

    receiver.status = 200;
    await clock.advanceTo(new Date(start.getTime() + 40 * H));
    const delivered = receiver.received.map((r) => (r.payload.data as { id: string }).id);
    assert.deepEqual(delivered.sort(), [first, ...later].sort(), "every event arrived by the schedule, once");
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 5, "one webhook-id per event");

    // An outage longer than the whole schedule fails the delivery; "replay failed" sends it.
    receiver.status = 503;
    const [outlasted] = await world.addDeals(stage, ["Outlasted"]);
    await clock.advanceTo(new Date(start.getTime() + 80 * H));
    receiver.status = 200;
    const replayed = await world.run(async (q) => {
      const [endpoint] = await q.selectFrom("webhook_endpoints").select("id").execute();
      return await replayFailedSince(q, ownerActor(world), endpoint.id, start);
    });
    assert.equal(replayed, 1);
    await clock.advanceBy(1000);
    assert.equal(receiver.received.length, 6);
    assert.equal((receiver.received[5].payload.data as { id: string }).id, outlasted);
    const endpoint = await world.run((q) => q.selectFrom("webhook_endpoints").selectAll().executeTakeFirstOrThrow());
    assert.equal(endpoint.enabled, true);
    assert.equal(endpoint.failing_since, null, "a success ends the run of failures");
  } finally {
    clock.restore();
    await receiver.close();
    await app.close();
  }
});

Deno.test("retries keep the webhook-id; 410 Gone disables the endpoint at once", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  const clock = fakeClock();
  try {
    const world = await dealWorld(app);
    const { secret } = await addEndpoint(world, receiver.url);
    receiver.trust(secret);
    receiver.status = 500;
    await world.addDeals(world.pipeline.stages[0].id, ["Flaky"]);
    await clock.advanceBy(RETRY_SCHEDULE_MS[1] + RETRY_SCHEDULE_MS[2]); // attempts 1, 2 and 3
    receiver.status = 200;
    await clock.advanceBy(RETRY_SCHEDULE_MS[3]);
    assert.equal(receiver.requests, 4);
    const ids = (await world.run((q) => q.selectFrom("webhook_attempts").select("request_headers").execute()))
      .map((a) => a.request_headers["webhook-id"]);
    assert.equal(new Set([...ids, receiver.received[0].id]).size, 1, "every attempt of a delivery has one id");

    receiver.status = 410;
    await world.addDeals(world.pipeline.stages[0].id, ["Gone"]);
    await clock.advanceBy(48 * H);
    assert.equal(receiver.requests, 5, "no retry after 410");
    const endpoint = await world.run((q) => q.selectFrom("webhook_endpoints").selectAll().executeTakeFirstOrThrow());
    assert.equal(endpoint.enabled, false);
    assert.match(endpoint.disabled_reason!, /410/);
    await world.addDeals(world.pipeline.stages[0].id, ["After"]);
    await drainJobs();
    assert.equal(receiver.requests, 5, "a disabled endpoint gets no new events");
  } finally {
    clock.restore();
    await receiver.close();
    await app.close();
  }
});

Deno.test("an endpoint failing for 5 days is disabled and the org's admins are emailed", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  const clock = fakeClock();
  try {
    const world = await dealWorld(app);
    const { secret } = await addEndpoint(world, receiver.url);
    receiver.trust(secret);
    receiver.status = 502;
    for (let day = 0; day <= 5; day++) {
      await world.addDeals(world.pipeline.stages[0].id, [`Day ${day}`]);
      await clock.advanceBy(24 * H + 1000);
    }
    const endpoint = await world.run((q) => q.selectFrom("webhook_endpoints").selectAll().executeTakeFirstOrThrow());
    assert.equal(endpoint.enabled, false);
    assert.match(endpoint.disabled_reason!, /5 days/);
    const mail = await world.run((q) =>
      q.trx.selectFrom("emails").select(["to_address", "subject"]).where("subject", "like", "Webhook endpoint%")
        .execute()
    );
    assert.deepEqual(mail.map((m) => m.to_address), [world.user.email]);
  } finally {
    clock.restore();
    await receiver.close();
    await app.close();
  }
});

Deno.test("after a rotation both secrets sign for 24 hours, then only the new one", async () => {
  const app = await testApp();
  const oldSide = webhookReceiver();
  const clock = fakeClock();
  try {
    const world = await dealWorld(app);
    const { id, secret: old } = await addEndpoint(world, oldSide.url);
    const fresh = await world.run((q) => rotateSecret(q, ownerActor(world), id));
    assert.notEqual(fresh, old);
    assert.match(fresh, /^whsec_[A-Za-z0-9+/]+=*$/);
    oldSide.trust(old, fresh);
    await world.addDeals(world.pipeline.stages[0].id, ["Rotating"]);
    await clock.advanceBy(1000);
    assert.deepEqual(oldSide.received[0].verifiedWith, [old, fresh], "each secret alone verifies it");
    assert.equal(oldSide.received[0].headers["webhook-signature"].split(" ").length, 2);

    await clock.advanceBy(25 * H);
    await world.addDeals(world.pipeline.stages[0].id, ["Rotated"]);
    await clock.advanceBy(1000);
    assert.deepEqual(oldSide.received[1].verifiedWith, [fresh]);
    assert.equal(oldSide.received[1].headers["webhook-signature"].split(" ").length, 1);
  } finally {
    clock.restore();
    await oldSide.close();
    await app.close();
  }
});

Deno.test("replay sends a delivered event again under its id; a test event reaches any endpoint", async () => {
  const app = await testApp();
  const receiver = webhookReceiver();
  try {
    const world = await dealWorld(app);
    const { id: endpointId, secret } = await addEndpoint(world, receiver.url, { event_types: ["deal.lost"] });
    receiver.trust(secret);
    await world.run((q) => queueTestEvent(q, endpointId, { id: world.org.id, name: world.org.name }));
    await drainJobs();
    assert.equal(receiver.received[0].payload.type, "webhook.test");
    const [delivery] = await world.run((q) => q.selectFrom("webhook_deliveries").select("id").execute());
    assert.equal(await world.run((q) => replayDelivery(q, ownerActor(world), delivery.id)), true);
    await drainJobs();
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[1].id, receiver.received[0].id);
    const attempts = await world.run((q) => q.selectFrom("webhook_attempts").select("attempt").execute());
    assert.deepEqual(attempts.map((a) => a.attempt).sort(), [1, 2]);
  } finally {
    await receiver.close();
    await app.close();
  }
});
