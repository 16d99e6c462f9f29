/**
 * The API as a new integrator meets it, in Chromium: an owner makes a key under Settings → API keys (shown once,
 * with a copy button), the key answers `curl`-like requests, and /docs/api shows the guide and RapiDoc's
 * reference of every operation (its only console complaints: the web fonts the CSP keeps out).
 */
import assert from "node:assert/strict";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("API in Chromium: make a key in settings, use it, read the reference on /docs/api", async (t) => {
  const server = await startAppServer();
  const browser = await openBrowser(server.origin);
  const { page } = browser;
  try {
    let token = "";
    await t.step("an owner makes a key and sees it once", async () => {
      await signUp(page, server.origin, {
        name: "Ivy Integrator",
        email: `ivy-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "correct horse battery staple",
      });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Api Works");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/api-works$/);
      await page.getByRole("link", { name: "API keys" }).click();
      await page.waitForURL(/\/settings\/api-keys$/);
      await page.getByLabel("Name").fill("Website sync");
      await page.getByLabel("Access").selectOption("read");
      await page.getByRole("button", { name: "Create key" }).click();
      await page.waitForURL(/\/settings\/api-keys$/);
      token = await page.getByLabel("Your new API key").inputValue();
      assert.match(token, /^nxc_[A-Za-z0-9_-]{32}$/);
      await page.getByRole("button", { name: "Copy key" }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/api-keys.png`, fullPage: true });
    });

    await t.step("the key answers; a browser's session does not", async () => {
      const me = await fetch(`${server.origin}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.status, 200);
      assert.equal((await me.json()).org.slug, "api-works");
      const viaSession = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
      assert.equal(viaSession, 401);
      // The browser logs that refusal as an error: it was the point.
      browser.problems.splice(browser.problems.findIndex((p) => /status of 401/.test(p)), 1);
    });

    await t.step("/docs/api shows the guide and the reference", async () => {
      await page.goto(`${server.origin}/docs/api`);
      await page.getByRole("heading", { name: "NexaCRM REST API" }).waitFor();
      await page.locator("rapi-doc").getByText("/contacts/{id}/restore").first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: `${SCREENSHOTS}/docs-api.png` });
      await page.setViewportSize({ width: 390, height: 800 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `fits 390 px (${width})`);
    });

    // RapiDoc declares web fonts on a font host; the CSP keeps them (and the request) out, which the browser logs.
    const fonts = /font-src|fonts\.gstatic\.com|^A network error occurred\.$/;
    assert.equal(browser.problems.filter((p) => /^A network error/.test(p)).length, 2, "one per blocked font");
    assert.deepEqual(browser.problems.filter((p) => !fonts.test(p)), []);
  } finally {
    await browser.close();
    await server.close();
  }
});
