import assert from "node:assert/strict";
import { sql } from "kysely";
import { HttpError } from "@/lib/fresh/errors.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { syncSeats } from "@/lib/billing/subscription.ts";
import { services } from "@/lib/data/services.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { WEBHOOK_SECRET } from "../fixtures/stripe_fake.ts";
import { ageOrg, assertWritable, billingApp, billingState, type BillingTestApp, emailsTo } from "../helpers/billing.ts";

/** An owner's org that subscribed to Pro through Checkout, every event delivered. */
async function subscribedOrg(t: BillingTestApp) {
  const acme = await orgWithOwner(t.app);
  const base = `/app/${acme.org.slug}/settings/billing`;
  const res = await acme.client.fetch(`${base}/checkout`, form({ plan: "pro" }));
  const sessionId = res.headers.get("location")!.split("/").pop()!;
  const sub = t.fake.completeCheckout(sessionId);
  await t.deliverNew();
  return { ...acme, base, subscriptionId: sub.id };
}

Deno.test("webhook: signatures, ignored types and duplicate deliveries", async () => {
  const t = await billingApp();
  try {
    const acme = await subscribedOrg(t);
    const event = t.fake.events.at(-1)!;
    const client = t.app.client();

    const forged = await t.fake.delivery(event, "whsec_someone_else");
    assert.equal((await client.fetch("/api/stripe/webhook", forged)).status, 400);
    const unsigned = await client.fetch("/api/stripe/webhook", { method: "POST", body: JSON.stringify(event) });
    assert.equal(unsigned.status, 400);
    const tampered = await t.fake.delivery(event, WEBHOOK_SECRET);
    tampered.body = (tampered.body as string).replace(acme.subscriptionId, "sub_other");
    assert.equal((await client.fetch("/api/stripe/webhook", tampered)).status, 400);

    assert.deepEqual(await t.deliver(t.fake.unrelatedEvent()), { status: 200, outcome: "ignored" });

    const reads = t.fake.requestsTo("GET", /^\/v1\/subscriptions\//).length;
    const before = await billingState(acme.org.id);
    assert.deepEqual(await t.deliver(event), { status: 200, outcome: "duplicate" });
    assert.deepEqual(await t.deliver(event), { status: 200, outcome: "duplicate" });
    assert.equal(t.fake.requestsTo("GET", /^\/v1\/subscriptions\//).length, reads, "a duplicate is not even re-read");
    assert.deepEqual(await billingState(acme.org.id), before);
  } finally {
    await t.close();
  }
});

Deno.test("seats: a new member updates the quantity with proration; plan changes prorate too", async () => {
  const t = await billingApp();
  try {
    const acme = await subscribedOrg(t);
    await acme.addMember("MEMBER");
    await acme.addMember("ADMIN");
    assert.equal(await syncSeats(acme.org.id), true);

    const [update] = t.fake.requestsTo("POST", `/v1/subscriptions/${acme.subscriptionId}`);
    const item = t.fake.subscriptions.get(acme.subscriptionId)!.items.data[0];
    assert.equal(update.params.get("items[0][id]"), item.id);
    assert.equal(update.params.get("items[0][quantity]"), "3");
    assert.equal(update.params.get("proration_behavior"), "create_prorations");
    assert.equal((await billingState(acme.org.id))?.seats, 3);

    assert.equal(await syncSeats(acme.org.id), true);
    assert.equal(t.fake.requestsTo("POST", /^\/v1\/subscriptions\//).length, 1, "no call when seats already match");
    await t.deliverNew();
    assert.equal((await billingState(acme.org.id))?.seats, 3);

    const change = await acme.client.fetch(`${acme.base}/plan`, form({ plan: "business" }));
    assert.equal(change.headers.get("location"), `${acme.base}?plan=changed`);
    const planUpdate = t.fake.requestsTo("POST", `/v1/subscriptions/${acme.subscriptionId}`)[1].params;
    assert.equal(planUpdate.get("items[0][price]"), "price_business_monthly");
    assert.equal(planUpdate.get("proration_behavior"), "create_prorations");
    assert.equal((await billingStatus(acme.org.id)).plan.id, "business");
  } finally {
    await t.close();
  }
});

Deno.test("dunning: payment failure emails owners, turns read-only after the grace period, recovers on payment", async () => {
  const t = await billingApp();
  try {
    const acme = await subscribedOrg(t);
    t.fake.failPayment(acme.subscriptionId);
    await t.deliverNew();

    const status = await billingStatus(acme.org.id);
    assert.equal(status.subscription?.status, "past_due");
    assert.equal(status.plan.id, "pro", "the paid plan holds during the grace period");
    assert.equal(status.dunning?.readOnly, false);
    await assertWritable(acme.org.id);
    const mails = await emailsTo(acme.user.email);
    assert.deepEqual(mails.map((m) => m.subject), ["Payment failed for Acme Inc"]);
    assert.match(mails[0].text_body, new RegExp(`${acme.base}`));
    assert.match(await (await acme.client.fetch(acme.base)).text(), /turns read-only on/);

    t.fake.requireAction(acme.subscriptionId);
    await t.deliverNew();
    assert.equal((await emailsTo(acme.user.email)).at(-1)?.subject, "Confirm the payment for Acme Inc");

    // Eight days later…
    await withOrg(
      { orgId: acme.org.id },
      (q) => q.updateTable("org_billing").set({ dunning_since: new Date(Date.now() - 8 * 86_400_000) }).execute(),
    );
    await assert.rejects(assertWritable(acme.org.id), (err) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 402);
      assert.match(err.message, /read-only because payment has been failing since/);
      assert.match(err.message, /visible and exportable/);
      return true;
    });
    const page = await acme.client.fetch(acme.base);
    assert.equal(page.status, 200, "the billing page stays open to fix the payment");
    assert.match(await page.text(), /The workspace is read-only until a payment succeeds/);

    t.fake.payInvoice(acme.subscriptionId);
    await t.deliverNew();
    await assertWritable(acme.org.id);
    const recovered = await billingStatus(acme.org.id);
    assert.equal(recovered.subscription?.status, "active");
    assert.equal(recovered.dunning, null);
    assert.equal((await emailsTo(acme.user.email)).length, 2, "recovery sends no dunning email");
  } finally {
    await t.close();
  }
});

Deno.test("cancellation: at period end keeps the plan until then; deleted falls back to Free, data untouched", async () => {
  const t = await billingApp();
  try {
    const acme = await subscribedOrg(t);
    await ageOrg(acme.org.id, 30);
    t.fake.cancel(acme.subscriptionId, { atPeriodEnd: true });
    await t.deliverNew();
    let status = await billingStatus(acme.org.id);
    assert.equal(status.plan.id, "pro");
    assert.equal(status.subscription?.cancelAtPeriodEnd, true);
    assert.match(await (await acme.client.fetch(acme.base)).text(), /Ends on/);

    t.fake.cancel(acme.subscriptionId, { atPeriodEnd: false });
    await t.deliverNew();
    status = await billingStatus(acme.org.id);
    assert.equal(status.subscription?.status, "canceled");
    assert.equal(status.standing, "free");
    assert.equal(status.plan.id, "free");
    assert.equal(status.customerId, [...t.fake.customers.keys()][0], "the customer stays for a later upgrade");
    assert.match(await (await acme.client.fetch(acme.base)).text(), /Upgrade to Pro/);
  } finally {
    await t.close();
  }
});

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

Deno.test("lifecycle: every event three times in random order, concurrently, ends in the same state as once in order", async () => {
  const t = await billingApp();
  try {
    const acme = await subscribedOrg(t);
    const { fake } = t;
    await acme.addMember("MEMBER");
    await syncSeats(acme.org.id);
    fake.failPayment(acme.subscriptionId);
    fake.requireAction(acme.subscriptionId);
    fake.payInvoice(acme.subscriptionId);
    fake.cancel(acme.subscriptionId, { atPeriodEnd: true });
    fake.cancel(acme.subscriptionId, { atPeriodEnd: false });
    await t.deliverNew();
    // Subscribes again after cancelling: events about the old subscription must not win.
    const again = await acme.client.fetch(`${acme.base}/checkout`, form({ plan: "business" }));
    const second = fake.completeCheckout(again.headers.get("location")!.split("/").pop()!);
    fake.failPayment(second.id);
    fake.payInvoice(second.id);
    await t.deliverNew();

    const inOrder = await billingState(acme.org.id);
    assert.equal(inOrder?.stripe_subscription_id, second.id);
    assert.equal(inOrder?.plan, "business");
    assert.equal(inOrder?.status, "active");
    assert.equal(inOrder?.seats, 2);

    // Forget everything but the customer, then replay.
    await sql`delete from billing_events`.execute(services().db);
    await withOrg({ orgId: acme.org.id }, (q) =>
      q.updateTable("org_billing").set({
        stripe_subscription_id: null,
        stripe_item_id: null,
        subscription_created_at: null,
        plan: null,
        status: null,
        seats: 0,
        current_period_end: null,
        cancel_at_period_end: false,
        cancel_at: null,
        dunning_since: null,
      }).execute());
    assert.equal((await billingState(acme.org.id))?.status, null);
    // Four deliveries at a time, as Stripe retries overlap: copies of one event may race each other.
    const queue = shuffle([...fake.events, ...fake.events, ...fake.events]);
    const outcomes: (string | undefined)[] = [];
    await Promise.all([1, 2, 3, 4].map(async () => {
      for (let event = queue.pop(); event; event = queue.pop()) {
        const { status, outcome } = await t.deliver(event);
        assert.equal(status, 200);
        outcomes.push(outcome);
      }
    }));
    assert.equal(outcomes.filter((o) => o === "duplicate").length, 2 * fake.events.length);
    assert.deepEqual(await billingState(acme.org.id), inOrder);
  } finally {
    await t.close();
  }
});
