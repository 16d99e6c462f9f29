import assert from "node:assert/strict";
import { billingStatus } from "@/lib/billing/status.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { billingApp } from "../helpers/billing.ts";

/** The upgrade buttons of the billing page, with their attributes. */
const upgradeButtons = (html: string) => [...html.matchAll(/<button [^>]*>Upgrade to \w+<\/button>/g)].map((m) => m[0]);

Deno.test("billing without Stripe keys: the owner reads why upgrading is off, the org is on trial, nothing crashes", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    const page = await acme.client.fetch(`/app/${acme.org.slug}/settings/billing`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const buttons = upgradeButtons(html);
    assert.equal(buttons.length, 2);
    for (const button of buttons) {
      assert.match(button, /disabled/);
      const why = button.match(/aria-describedby="([^"]+)"/)?.[1];
      assert.ok(why, "a disabled button says why");
      assert.match(
        html,
        new RegExp(
          `id="${why}"[^>]*>Online payment is not set up for this workspace yet; contact support to upgrade\\.`,
        ),
      );
    }
    assert.doesNotMatch(html, /STRIPE_|environment variables|restart|localhost:8000/, "no server setup outside dev");
    assert.match(html, /Pro<\/span> trial, 14 days left/);

    const checkout = await acme.client.fetch(`/app/${acme.org.slug}/settings/billing/checkout`, form({ plan: "pro" }));
    assert.equal(checkout.status, 303);
    assert.equal(checkout.headers.get("location"), `/app/${acme.org.slug}/settings/billing?error=not_configured`);
    const explained = await (await acme.client.fetch(checkout.headers.get("location")!)).text();
    assert.match(explained, /role="alert"[^>]*>Online payment is not set up for this workspace yet; contact support/);

    const webhook = await app.fetch("/api/stripe/webhook", { method: "POST", body: "{}" });
    assert.equal(webhook.status, 500);

    const pricing = await app.fetch("/pricing");
    assert.equal(pricing.status, 200);
    const pricingHtml = await pricing.text();
    for (const name of ["Free", "Pro", "Business"]) assert.match(pricingHtml, new RegExp(`>${name}</h3>`));
    assert.match(pricingHtml, /\$29/);
    assert.doesNotMatch(pricingHtml, /<script/);
  } finally {
    await app.close();
  }
});

Deno.test("billing without Stripe keys in development: setup instructions name the app's own address", async () => {
  const app = await testApp({ DENO_ENV: "development", APP_URL: "http://localhost:8401" });
  try {
    const acme = await orgWithOwner(app);
    const html = await (await acme.client.fetch(`/app/${acme.org.slug}/settings/billing`)).text();
    assert.match(html, /Local mode: Stripe is not connected/);
    assert.match(html, /STRIPE_SECRET_KEY/);
    assert.match(html, /STRIPE_WEBHOOK_SECRET/);
    assert.match(html, /stripe listen --forward-to http:\/\/localhost:8401\/api\/stripe\/webhook/);
    assert.doesNotMatch(html, /localhost:8000/);
    assert.equal(upgradeButtons(html).length, 2);
  } finally {
    await app.close();
  }
});

Deno.test("billing is for owners: admins and members get 403 and reach no Stripe endpoint", async () => {
  const { app, fake, close } = await billingApp();
  try {
    const acme = await orgWithOwner(app);
    for (const role of ["ADMIN", "MEMBER"] as const) {
      const other = await acme.addMember(role);
      const base = `/app/${acme.org.slug}/settings/billing`;
      assert.equal((await other.client.fetch(base)).status, 403);
      assert.equal((await other.client.fetch(`${base}/checkout`, form({ plan: "pro" }))).status, 403);
      assert.equal((await other.client.fetch(`${base}/portal`, form({}))).status, 403);
      assert.equal((await other.client.fetch(`${base}/plan`, form({ plan: "business" }))).status, 403);
    }
    assert.deepEqual(fake.requests, []);
  } finally {
    await close();
  }
});

Deno.test("upgrade: hosted Checkout for the seats, one customer however many clicks, Pro after the webhook", async () => {
  const { app, fake, deliverNew, close } = await billingApp();
  try {
    const acme = await orgWithOwner(app);
    await acme.addMember("MEMBER");
    const base = `/app/${acme.org.slug}/settings/billing`;

    const page = await acme.client.fetch(base);
    assert.match(page.headers.get("content-security-policy")!, new RegExp(`form-action 'self' ${fake.origin}`));
    assert.match(await page.text(), /Upgrade to Pro/);

    const clicks = await Promise.all([1, 2].map(() => acme.client.fetch(`${base}/checkout`, form({ plan: "pro" }))));
    for (const res of clicks) {
      assert.equal(res.status, 303);
      assert.match(res.headers.get("location")!, new RegExp(`^${fake.origin}/pay/cs_`));
    }
    const customers = fake.requestsTo("POST", "/v1/customers");
    assert.equal(customers.length, 1, "two clicks make one customer");
    assert.equal(customers[0].idempotencyKey, `nexacrm-customer-${acme.org.id}`);
    assert.equal(customers[0].params.get("metadata[org_id]"), acme.org.id);

    const [session] = fake.requestsTo("POST", "/v1/checkout/sessions").map((r) => r.params);
    const customerId = [...fake.customers.keys()][0];
    assert.equal(session.get("mode"), "subscription");
    assert.equal(session.get("customer"), customerId);
    assert.equal(session.get("line_items[0][price]"), "price_pro_monthly");
    assert.equal(session.get("line_items[0][quantity]"), "2");
    assert.equal(session.get("client_reference_id"), acme.org.id);
    assert.equal(session.get("metadata[org_id]"), acme.org.id);
    assert.equal(session.get("subscription_data[metadata][org_id]"), acme.org.id);
    assert.equal(session.get("success_url"), `http://localhost:8000${base}?checkout=success`);
    assert.equal(session.get("cancel_url"), `http://localhost:8000${base}?checkout=cancelled`);

    fake.completeCheckout([...fake.sessions.keys()][0]);
    await deliverNew();
    const status = await billingStatus(acme.org.id);
    assert.equal(status.standing, "subscribed");
    assert.equal(status.plan.id, "pro");
    assert.equal(status.subscription?.seats, 2);
    assert.ok(status.subscription?.currentPeriodEnd && status.subscription.currentPeriodEnd > new Date());

    const after = await (await acme.client.fetch(`${base}?checkout=success`)).text();
    assert.match(after, /data-testid="current-plan">Pro</);
    assert.match(after, /Active/);
    assert.match(after, /Manage billing/);
    assert.match(after, /Switch to Business/);

    const again = await acme.client.fetch(`${base}/checkout`, form({ plan: "business" }));
    assert.equal(again.headers.get("location"), `${base}?error=already_subscribed`);

    const portal = await acme.client.fetch(`${base}/portal`, form({}));
    assert.equal(portal.status, 303);
    assert.match(portal.headers.get("location")!, new RegExp(`^${fake.origin}/portal/bps_`));
    const [portalRequest] = fake.requestsTo("POST", "/v1/billing_portal/sessions");
    assert.equal(portalRequest.params.get("customer"), customerId);
    assert.equal(portalRequest.params.get("return_url"), `http://localhost:8000${base}`);
    assert.equal(fake.requestsTo("POST", "/v1/customers").length, 1, "the customer is reused");
  } finally {
    await close();
  }
});
