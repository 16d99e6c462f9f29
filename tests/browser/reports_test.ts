/**
 * Reports in Chromium, as a sales manager uses them on the demo org: the charts draw, switching the
 * range and the pipeline changes the charts that depend on them, a table toggles, a CSV downloads
 * with the numbers of the table, and clicking a stage's bar opens the deal list of that stage.
 * Screenshots at desktop width and at 390 px go to .data/screenshots/.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { ChartSpec } from "@/lib/reports/spec.ts";
import { DEMO_LOGIN, DEMO_ORG } from "@/lib/seed/demo.ts";
import { openBrowser, SCREENSHOTS, startAppServer } from "@/tests/helpers/browser.ts";

/** The chart specs the page gave its islands, by chart id. */
async function specs(page: Page): Promise<Map<string, ChartSpec>> {
  const state = await page.locator("script#__FRSH_STATE").textContent();
  const islands = JSON.parse(state!) as [string, { spec: ChartSpec }][];
  return new Map(islands.filter(([name]) => name === "ReportChart").map(([, p]) => [p.spec.id, p.spec]));
}

const same = (a: ChartSpec, b: ChartSpec) =>
  JSON.stringify([a.labels, a.series]) === JSON.stringify([b.labels, b.series]);

Deno.test("reports in Chromium: charts, range and pipeline, table, CSV, a stage into the deal list", async (t) => {
  const server = await startAppServer({ demo: true });
  const browser = await openBrowser(server.origin);
  const { page, problems } = browser;
  const reports = `${server.origin}/app/${DEMO_ORG.slug}/reports`;
  try {
    await t.step("log in to the demo org and open Reports from the navigation", async () => {
      await page.goto(`${server.origin}/login`);
      await page.getByLabel("Email").fill(DEMO_LOGIN.email);
      await page.getByLabel("Password").fill(DEMO_LOGIN.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL(/\/app/);
      await page.goto(`${server.origin}/app/${DEMO_ORG.slug}`);
      await page.getByRole("link", { name: "Reports", exact: true }).click();
      await page.waitForURL(reports);
      for (const id of ["revenue", "pipeline", "forecast", "activity"]) {
        await page.locator(`[data-chart="${id}"] canvas`).waitFor();
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${SCREENSHOTS}/reports.png`, fullPage: true });
    });

    await t.step("switch the range: the charts of the period change, the open pipeline does not", async () => {
      const before = await specs(page);
      await page.getByLabel("Period").selectOption("this_quarter");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/range=this_quarter/);
      await page.locator('[data-chart="revenue"] canvas').waitFor();
      const after = await specs(page);
      assert.equal(after.get("revenue")!.category, "Week");
      for (const id of ["revenue", "activity", "reps-activity"]) {
        assert.ok(!same(before.get(id)!, after.get(id)!), `${id} changed with the range`);
      }
      assert.ok(same(before.get("pipeline")!, after.get("pipeline")!), "the open pipeline is now, whatever the range");
    });

    await t.step("switch the pipeline: the pipeline's charts show its stages only", async () => {
      await page.goto(reports);
      const before = await specs(page);
      const sales = page.getByLabel("Pipeline", { exact: true });
      await sales.selectOption({ label: "Sales" });
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/pipeline=/);
      await page.locator('[data-chart="pipeline"] canvas').waitFor();
      const after = await specs(page);
      assert.deepEqual(after.get("pipeline")!.labels, ["Qualified", "Meeting", "Proposal", "Negotiation"]);
      for (const id of ["revenue", "pipeline", "forecast", "conversion", "reps-revenue"]) {
        assert.ok(!same(before.get(id)!, after.get(id)!), `${id} changed with the pipeline`);
      }
    });

    await t.step("toggle a chart's table, and download its CSV", async () => {
      const card = page.locator('[data-chart="revenue"]');
      await card.getByRole("button", { name: "Table" }).click();
      const table = card.locator("table");
      await table.waitFor();
      assert.equal(await card.getByRole("button", { name: "Table" }).getAttribute("aria-pressed"), "true");
      await card.screenshot({ path: `${SCREENSHOTS}/reports-table.png` });
      const firstRow = await table.locator("tbody tr").first().innerText();
      const download = page.waitForEvent("download");
      await card.getByRole("link", { name: /CSV/ }).click();
      const file = await (await download).path();
      const csv = await Deno.readTextFile(file!);
      const lines = csv.trimEnd().split("\n");
      assert.equal(lines[0], "Month,Won (USD),Previous period (USD)");
      assert.equal(lines.length, (await table.locator("tbody tr").count()) + 1);
      assert.ok(lines[1].startsWith(firstRow.split("\t")[0]), `${lines[1]} / ${firstRow}`);
      await card.getByRole("button", { name: "Table" }).click();
      await card.locator("canvas").waitFor();
    });

    await t.step("click a stage's bar: the deal list of that stage's open deals", async () => {
      const spec = (await specs(page)).get("pipeline")!;
      const canvas = page.locator('[data-chart="pipeline"] canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      // The second of four stages: the bars share the width right of the value axis.
      await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.5);
      await page.waitForURL(/\/deals\/list\?/);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get("status"), "open");
      assert.ok(
        spec.links.some((l) =>
          l && new URL(l, server.origin).searchParams.get("stage") === url.searchParams.get("stage")
        ),
      );
      await page.getByText("Showing one stage.").waitFor();
      assert.ok(await page.locator("table tbody tr").count() > 0, "the stage's deals");
    });

    await t.step("at 390 px the charts fit the screen", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(reports);
      await page.locator('[data-chart="revenue"] canvas').waitFor();
      const widths = await page.locator("[data-chart] canvas").evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect().right)
      );
      assert.ok(widths.every((right) => right <= 390), `canvases end at ${widths.join(", ")}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, "no sideways scrolling");
      await page.screenshot({ path: `${SCREENSHOTS}/reports-390.png`, fullPage: true });
      assert.deepEqual(problems, []);
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
