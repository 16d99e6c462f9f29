/** An owner signs up, upgrades through (fake) Stripe Checkout, and sees Pro once the signed webhook lands. */
import assert from "node:assert/strict";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";
import { StripeFake } from "@/tests/fixtures/stripe_fake.ts";

/** The app server reads its configuration from the environment it inherits. */
function withEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, Deno.env.get(k)]));
  for (const [k, v] of Object.entries(vars)) Deno.env.set(k, v);
  return () => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
  };
}

Deno.test("billing in Chromium: trial → Checkout → Pro", async (t) => {
  const fake = StripeFake.start();
  const restore = withEnv(fake.env());
  const server = await startAppServer().finally(restore);
  const browser = await openBrowser(server.origin);
  const { page, problems } = browser;
  try {
    let billingUrl = "";
    await t.step("a new owner's workspace is on the Pro trial", async () => {
      await signUp(page, server.origin, {
        name: "Olive Owner",
        email: `olive-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "correct horse battery staple",
      });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Acme Billing");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/acme-billing$/);
      const banner = page.getByRole("complementary", { name: "Billing" });
      assert.match(await banner.innerText(), /14 days left in your Pro trial/);
      await banner.getByRole("link", { name: "Choose a plan" }).click();
      await page.waitForURL(/\/settings\/billing$/);
      billingUrl = page.url();
      assert.match(await page.getByRole("region", { name: "Current plan" }).innerText(), /Pro trial, 14 days left/);
      await page.screenshot({ path: `${SCREENSHOTS}/billing-trial.png`, fullPage: true });
    });

    await t.step("Upgrade to Pro goes to Stripe's hosted Checkout", async () => {
      await page.getByRole("button", { name: "Upgrade to Pro" }).click();
      await page.waitForURL(new RegExp(`^${fake.origin}/pay/cs_`));
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Fake Stripe Checkout");
    });

    await t.step("after the signed webhook, the billing page shows Pro", async () => {
      const sessionId = new URL(page.url()).pathname.split("/").pop()!;
      fake.completeCheckout(sessionId);
      for (const event of fake.events) {
        const res = await fetch(`${server.origin}/api/stripe/webhook`, await fake.delivery(event));
        assert.equal(res.status, 200, await res.text());
      }
      await page.goto(fake.sessions.get(sessionId)!.success_url as string);
      assert.equal(await page.getByTestId("current-plan").textContent(), "Pro");
      assert.match(await page.getByRole("status").innerText(), /Thank you/);
      assert.ok(await page.getByRole("button", { name: "Manage billing" }).isVisible());
      assert.equal(new URL(page.url()).pathname, new URL(billingUrl).pathname);
      await page.screenshot({ path: `${SCREENSHOTS}/billing-pro.png`, fullPage: true });
      assert.deepEqual(problems, []);
    });
  } finally {
    await browser.close();
    await server.close();
    await fake.close();
  }
});
