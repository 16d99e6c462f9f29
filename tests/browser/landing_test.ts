/** The landing page in Chromium: no errors, the forecast island hydrates; island-free pages load no script. */
import assert from "node:assert/strict";
import { openBrowser, SCREENSHOTS, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("landing page in Chromium", async (t) => {
  const server = await startAppServer();
  const browser = await openBrowser(server.origin);
  const { page, problems } = browser;
  const scripts: string[] = [];
  page.on("request", (req) => req.resourceType() === "script" && scripts.push(req.url()));
  try {
    await t.step("/ loads without console errors or CSP violations, and the island hydrates", async () => {
      // "load" comes after module scripts have run, so the island is hydrated by then.
      const res = await page.goto(`${server.origin}/`);
      assert.equal(res?.status(), 200);
      assert.ok(scripts.length > 0, "the page with an island loads its scripts");
      const stage = page.getByTestId("forecast-stage");
      assert.equal(await stage.textContent(), "Qualified");
      await page.getByRole("button", { name: "Advance deal" }).click();
      await stage.filter({ hasText: "Meeting booked" }).waitFor({ timeout: 5_000 });
      assert.equal(await page.getByTestId("forecast-weighted").textContent(), "$7,200");
      await page.screenshot({ path: `${SCREENSHOTS}/landing.png`, fullPage: true });
      assert.deepEqual(problems, []);
    });

    await t.step("an island-free page (the 404) loads no script", async () => {
      scripts.length = 0;
      const res = await page.goto(`${server.origin}/nowhere`);
      assert.equal(res?.status(), 404);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Page not found");
      assert.equal(await page.locator("script").count(), 0);
      assert.deepEqual(scripts, []);
      await page.screenshot({ path: `${SCREENSHOTS}/not-found.png` });
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
