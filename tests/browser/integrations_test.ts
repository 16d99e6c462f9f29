/**
 * Webhooks as a new admin meets them, in Chromium against the real server and its job worker: add an endpoint
 * pointing at a receiver on loopback (which verifies every request with `standardwebhooks`), send a test event,
 * win a deal, see both deliveries in the log; break the receiver, see the retry scheduled; mend it, replay.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";
import { webhookReceiver } from "@/tests/fixtures/webhook_receiver.ts";

/** Reloads until the page shows `text` (the job worker delivers within a second or two). */
async function reloadUntil(page: Page, text: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!text.test(await page.locator("main").innerText())) {
    if (Date.now() > deadline) throw new Error(`the page never showed ${text}`);
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
}

Deno.test("Integrations in Chromium: an endpoint, a test event, a won deal, a failure, a replay", async (t) => {
  const server = await startAppServer();
  const browser = await openBrowser(server.origin);
  const receiver = webhookReceiver();
  const { page } = browser;
  let endpointUrl = "";
  try {
    await t.step("a new admin adds an endpoint and gets its secret once", async () => {
      await signUp(page, server.origin, {
        name: "Hana Hooks",
        email: `hana-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "correct horse battery staple",
      });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Hook Works");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/hook-works$/);
      await page.getByRole("link", { name: "Integrations" }).click();
      await page.waitForURL(/\/settings\/integrations$/);
      await page.screenshot({ path: `${SCREENSHOTS}/integrations.png`, fullPage: true });
      await page.getByRole("link", { name: "Add endpoint" }).click();
      await page.waitForURL(/\/webhooks\/new$/);
      await page.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest");
      await page.getByRole("button", { name: "Add endpoint" }).click();
      await page.waitForURL(/\/webhooks\/new$/);
      await page.getByText("This address is private").waitFor();
      // The browser logs the form's 422 as an error: it was the point.
      browser.problems.splice(browser.problems.findIndex((p) => /status of 422/.test(p)), 1);
      await page.getByLabel("Endpoint URL").fill(receiver.url);
      await page.getByLabel("Description (optional)").fill("Local receiver");
      await page.getByRole("button", { name: "Add endpoint" }).click();
      await page.waitForURL(/\/webhooks\/new$/);
      const secret = await page.getByLabel("Signing secret").inputValue();
      assert.match(secret, /^whsec_/);
      receiver.trust(secret);
      await page.getByRole("link", { name: "open the endpoint" }).click();
      await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
      endpointUrl = page.url();
    });

    await t.step("a test event and a won deal both show in the log, delivered", async () => {
      await page.getByRole("button", { name: "Send test event" }).click();
      await page.getByText("Test event queued").waitFor();
      await page.goto(`${server.origin}/app/hook-works/deals/new`);
      await page.getByLabel("Title").fill("Globex renewal");
      await page.getByLabel("Title").press("Enter");
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await page.getByRole("button", { name: "Mark won" }).click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await page.goto(endpointUrl);
      await reloadUntil(page, /deal\.won\s+succeeded/);
      assert.match(await page.locator("main").innerText(), /webhook\.test\s+succeeded/);
      const types = receiver.received.map((r) => r.payload.type);
      assert.ok(types.includes("webhook.test") && types.includes("deal.won"), types.join());
      assert.equal(receiver.rejected, 0, "every request verified");
      await page.screenshot({ path: `${SCREENSHOTS}/webhook-endpoint.png`, fullPage: true });
    });

    await t.step(
      "a broken receiver: the failure is logged and the retry scheduled; replay once it is back",
      async () => {
        receiver.status = 500;
        await page.getByRole("button", { name: "Send test event" }).click();
        await reloadUntil(page, /webhook\.test\s+pending\s+2/);
        await page.getByRole("link", { name: "webhook.test" }).first().click();
        await page.waitForURL(/\/deliveries\/[0-9a-f-]{36}$/);
        await reloadUntil(page, /HTTP 500/);
        assert.match(await page.locator("main").innerText(), /next attempt/);
        await page.screenshot({ path: `${SCREENSHOTS}/webhook-delivery-failing.png`, fullPage: true });

        receiver.status = 200;
        const wonBefore = receiver.received.filter((r) => r.payload.type === "deal.won").length;
        await page.goto(endpointUrl);
        await page.getByRole("link", { name: "deal.won" }).click();
        await page.waitForURL(/\/deliveries\/[0-9a-f-]{36}$/);
        await page.getByRole("button", { name: "Replay" }).click();
        await page.waitForURL(/notice=replayed$/);
        await page.getByText("Queued again").waitFor();
        await reloadUntil(page, /Attempt 2/);
        const won = receiver.received.filter((r) => r.payload.type === "deal.won");
        assert.equal(won.length, wonBefore + 1);
        assert.equal(won.at(-1)!.id, won[0].id, "a replay keeps the webhook-id");

        await page.setViewportSize({ width: 390, height: 800 });
        await page.goto(endpointUrl);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `fits 390 px (${width})`);
        await page.screenshot({ path: `${SCREENSHOTS}/webhook-endpoint-390.png`, fullPage: true });
      },
    );

    assert.deepEqual(browser.problems, []);
  } finally {
    await receiver.close();
    await browser.close();
    await server.close();
  }
});
