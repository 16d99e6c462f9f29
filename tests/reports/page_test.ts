/**
 * The reports page over HTTP: tables without JavaScript, filters in the URL (a bad custom range is
 * a 422 naming its field, another org's pipeline a 404), CSV downloads of exactly the numbers shown
 * (minor units of zero- and three-digit currencies, formulas defused), bars that open the deal list
 * of the deals they count, a rep's own numbers under "own" visibility, and "my day"'s summary.
 */
import assert from "node:assert/strict";
import { reportFilters } from "@/lib/reports/filters.ts";
import { metrics } from "@/lib/reports/metrics.ts";
import { loadReport } from "@/lib/reports/report.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { csvRows } from "../helpers/csv.ts";
import { reportWorld } from "./world.ts";

const csvOf = async (res: Response) => csvRows(await res.text());

Deno.test("reports page: tables, filters, CSV downloads and drill-down to the deal list", async (t) => {
  const app = await testApp();
  try {
    const world = await reportWorld(app, {
      zone: "Europe/London",
      currency: "KWD",
      otherCurrency: "USD",
      seed: 21,
      deals: 50,
    });
    const owner = world.users.owner.client;
    const base = `/app/${world.slug}/reports`;

    await t.step("the page: navigation, headline figures, every chart as a table", async () => {
      const res = await owner.fetch(base);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<a href="[^"]*\/reports" aria-current="page"[^>]*>Reports<\/a>/);
      for (
        const title of [
          "Revenue won",
          "Open pipeline by stage",
          "Forecast by expected close month",
          "Stage-to-stage conversion",
          "Lead funnel",
          "Lost deals by reason",
          "Activities per week",
          "Reps by revenue won",
          "Reps by activities, per week",
        ]
      ) assert.ok(html.includes(`>${title}</h2>`), title);
      assert.ok((html.match(/<table /g) ?? []).length >= 8, "tables without JavaScript");
      assert.match(html, /Win rate/);
    });

    await t.step("filters: a bad custom range is a 422 naming the field; another org's pipeline a 404", async () => {
      const bad = await owner.fetch(`${base}?range=custom&from=2026-05-01&to=2026-04-01`);
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /The end comes before the start/);
      assert.match(html, /aria-invalid="true"/);
      const other = await orgWithOwner(app, "Elsewhere");
      const res = await owner.fetch(`${base}?pipeline=${other.org.id}`);
      assert.equal(res.status, 404);
      await res.body?.cancel();
      const garbage = await owner.fetch(`${base}?range=%00&owner=x&pipeline=1%27&team=${"t".repeat(300)}`);
      assert.equal(garbage.status, 200);
      await garbage.body?.cancel();
    });

    await t.step("CSV: the chart's numbers as drawn, money in the currency's major units", async () => {
      const viewer = await world.viewer("owner");
      const m = metrics(await loadReport(viewer, reportFilters(new URL("http://x/")).filters));
      const res = await owner.fetch(`${base}/export?chart=revenue`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type")!, /^text\/csv/);
      assert.match(res.headers.get("content-disposition")!, /attachment; filename=".*-revenue-\d{4}-\d{2}-\d{2}\.csv"/);
      const rows = await csvOf(res);
      assert.deepEqual(rows[0], ["Month", "Won (KWD)", "Previous period (KWD)"]);
      assert.equal(rows.length, 13);
      // Kuwaiti dinars have three decimals: 1,234 fils are 1.234 KWD.
      assert.deepEqual(rows.slice(1).map((r) => Math.round(Number(r[1]) * 1000)), m.revenue.map((b) => b.wonMinor));
      const missing = await owner.fetch(`${base}/export?chart=nope`);
      assert.equal(missing.status, 404);
      await missing.body?.cancel();
    });

    await t.step("a bar's link opens the deal list of exactly the deals it counts", async () => {
      const html = await (await owner.fetch(base)).text();
      const table = html.slice(html.indexOf('data-table="revenue"'));
      const viewer = await world.viewer("owner");
      const m = metrics(await loadReport(viewer, reportFilters(new URL("http://x/")).filters));
      const bucket = m.revenue.findLastIndex((b) => b.won > 0);
      const links = [...table.matchAll(/<th scope="row"[^>]*><a href="([^"]+)"/g)].map((x) =>
        x[1].replaceAll("&amp;", "&")
      );
      const list = await (await owner.fetch(links[bucket])).text();
      assert.match(list, /Showing deals closed/);
      // The report counts deals in the org's currency; this world's other currency is in the list too.
      const counted = Number(list.match(/of ([\d,]+) deals?/)?.[1].replace(/,/g, "") ?? "0");
      const foreign = await world.run((q) =>
        q.selectFrom("deals").select("id").where("status", "=", "won").where("currency", "!=", "KWD")
          .where("deleted_at", "is", null).execute()
      );
      assert.ok(counted >= m.revenue[bucket].won && counted <= m.revenue[bucket].won + foreign.length);
    });

    await t.step("a rep in an org of 'own' visibility sees their own and their team's numbers", async () => {
      await world.run((q) => q.trx.updateTable("orgs").set({ visibility: "own" }).where("id", "=", q.orgId).execute());
      const rita = await world.viewer("rita");
      const m = metrics(await loadReport(rita, reportFilters(new URL("http://x/")).filters));
      const rows = await csvOf(await world.users.rita.client.fetch(`${base}/export?chart=revenue`));
      assert.deepEqual(rows.slice(1).map((r) => Math.round(Number(r[1]) * 1000)), m.revenue.map((b) => b.wonMinor));
      const names = (await csvOf(await world.users.rita.client.fetch(`${base}/export?chart=reps-revenue`)))
        .slice(1).map((r) => r[0]);
      assert.ok(names.every((n) => ["Rita Rep", "Ned North"].includes(n)), names.join(", "));
    });

    await t.step("my day: my open pipeline, won this month and tasks due, linking to my reports", async () => {
      const html = await (await owner.fetch(`/app/${world.slug}`)).text();
      assert.match(html, /My open pipeline/);
      assert.match(html, new RegExp(`href="${base}\\?owner=${world.users.owner.user.id}"`));
    });
  } finally {
    await app.close();
  }
});

Deno.test("reports CSV: yen without decimals, and text that a spreadsheet would run is defused", async () => {
  const app = await testApp();
  try {
    const world = await reportWorld(app, {
      zone: "Asia/Tokyo",
      currency: "JPY",
      otherCurrency: "USD",
      seed: 4,
      deals: 30,
    });
    await world.run((q) =>
      q.updateTable("deals").set({ status: "lost", lost_reason: '=HYPERLINK("http://evil")', closed_at: new Date() })
        .where("status", "=", "open").where("currency", "=", "JPY").execute()
    );
    const rows = await csvOf(await world.users.owner.client.fetch(`/app/${world.slug}/reports/export?chart=lost`));
    assert.ok(rows.some((r) => r[0] === '\'=HYPERLINK("http://evil")'), JSON.stringify(rows));
    const revenue = await csvOf(
      await world.users.owner.client.fetch(`/app/${world.slug}/reports/export?chart=revenue`),
    );
    assert.ok(revenue.slice(1).every((r) => /^\d+$/.test(r[1])), "whole yen");
  } finally {
    await app.close();
  }
});
