/**
 * Every number of the reports equals a naive recomputation over all the org's rows (naive.ts):
 * for each range, filter and viewer, in both visibility modes, for an org far east of UTC in a
 * two-digit currency and one west of it in a zero-digit currency; again after the org's time zone
 * changes, and after writes (the cache must not answer with what it held before).
 */
import assert from "node:assert/strict";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { type ReportFilters, reportFilters } from "@/lib/reports/filters.ts";
import { type Metrics, metrics, reportPipelines } from "@/lib/reports/metrics.ts";
import { loadReport, type Report } from "@/lib/reports/report.ts";
import { testApp } from "../helpers/app.ts";
import { type Naive, naiveReport, readRows } from "./naive.ts";
import { type ReportWorld, reportWorld } from "./world.ts";

function project(m: Metrics): Naive {
  const byOwner = (a: { owner: string | null }, b: { owner: string | null }) =>
    String(a.owner).localeCompare(String(b.owner));
  return {
    revenue: m.revenue,
    totals: m.totals,
    previousTotals: m.previousTotals,
    medianCycleDays: m.medianCycleDays,
    pipeline: m.pipeline.map((s) => ({
      stage: s.stage.id,
      deals: s.deals,
      minor: s.minor,
      weightedMinor: s.weightedMinor,
    })),
    forecast: m.forecast,
    conversion: m.conversion.map((s) => ({
      from: s.from.id,
      to: s.to?.id ?? null,
      reached: s.reached,
      advanced: s.advanced,
    })),
    funnel: m.funnel,
    lostReasons: m.lostReasons,
    activityWeeks: m.activityWeeks,
    reps: m.reps.map((r) => ({ owner: r.owner, won: r.won, wonMinor: r.wonMinor, activities: r.activities }))
      .sort(byOwner),
  };
}

const filtersOf = (query: string): ReportFilters => {
  const result = reportFilters(new URL(`http://localhost/?${query}`));
  assert.ok(result.ok, query);
  return result.filters;
};

async function compare(world: ReportWorld, viewer: AuthContext, query: string): Promise<Report> {
  const report = await loadReport(viewer, filtersOf(query));
  const rows = await readRows(world.orgId);
  const expected = naiveReport(
    rows,
    viewer,
    report.filters,
    report.periods,
    report.today,
    reportPipelines(report).map((p) => p.id),
  );
  expected.reps.sort((a, b) => String(a.owner).localeCompare(String(b.owner)));
  assert.deepEqual(project(metrics(report)), expected, `${query || "(defaults)"} as ${viewer.user.name}`);
  return report;
}

/** Ranges and filters, including a custom range across the zone's clock change. */
function queries(world: ReportWorld, customRange: string): string[] {
  const [sales, renewals] = world.pipelines;
  return [
    "",
    "range=this_month",
    "range=last_month",
    "range=this_quarter",
    `range=custom&${customRange}`,
    `pipeline=${renewals.id}`,
    `pipeline=${sales.id}&range=this_quarter`,
    `owner=${world.users.ned.user.id}`,
    "team=North",
    `team=South&pipeline=${sales.id}`,
  ];
}

async function setVisibility(world: ReportWorld, visibility: "all" | "own") {
  await world.run((q) => q.trx.updateTable("orgs").set({ visibility }).where("id", "=", q.orgId).execute());
}

Deno.test("reports: every metric equals a naive recomputation, by range, filter, viewer and visibility", async (t) => {
  const app = await testApp();
  try {
    for (
      const opts of [
        {
          zone: "Pacific/Auckland",
          currency: "USD",
          otherCurrency: "EUR",
          seed: 7,
          custom: "from=2026-03-25&to=2026-04-14",
        },
        {
          zone: "America/New_York",
          currency: "JPY",
          otherCurrency: "USD",
          seed: 11,
          custom: "from=2025-10-20&to=2026-11-10",
        },
      ]
    ) {
      const world = await reportWorld(app, opts);
      await t.step(`${opts.currency} in ${opts.zone}: the data exercises every metric`, async () => {
        const m = metrics(await loadReport(await world.viewer("owner"), filtersOf("")));
        assert.ok(m.totals.won > 3 && m.totals.lost > 3 && m.previousTotals.won > 0, "won and lost, now and before");
        assert.ok(m.lostReasons.length >= 3 && m.lostReasons.some((r) => r.reason === ""), "reasons, and none given");
        assert.ok(m.conversion.some((s) => s.reached > s.advanced && s.advanced > 0), "deals stopped along the way");
        assert.ok(["overdue", "later", "none"].every((k) => m.forecast.find((f) => f.key === k)!.deals > 0));
        assert.ok(m.funnel.won > 0 && m.funnel.converted > m.funnel.won, "leads converted into won and other deals");
        assert.ok(m.activityWeeks.some((w) => w.task > 0) && m.reps.some((r) => r.owner === null), "tasks, nobody's");
        const month = metrics(await loadReport(await world.viewer("owner"), filtersOf("range=this_month")));
        assert.ok(month.totals.won > 0, "deals won through the app this month");
        const moved = await world.run((q) =>
          q.selectFrom("deals").select("id").where("furthest_stage_id", "is not", null).where("status", "!=", "open")
            .execute()
        );
        assert.ok(moved.length > 0, "closed deals that had moved back from a further stage");
      });
      await t.step(`${opts.currency} in ${opts.zone}, everyone sees all`, async () => {
        await setVisibility(world, "all");
        for (const who of ["owner", "rita"] as const) {
          const viewer = await world.viewer(who);
          for (const query of queries(world, opts.custom)) await compare(world, viewer, query);
        }
      });
      await t.step(`${opts.currency} in ${opts.zone}, reps see their own and their team's`, async () => {
        await setVisibility(world, "own");
        for (const who of ["admin", "rita", "sol", "lone"] as const) {
          const viewer = await world.viewer(who);
          for (const query of queries(world, opts.custom)) await compare(world, viewer, query);
        }
        const rita = await loadReport(await world.viewer("rita"), filtersOf(""));
        const owner = await loadReport(await world.viewer("owner"), filtersOf(""));
        assert.ok(metrics(rita).totals.won < metrics(owner).totals.won, "a rep's report counts fewer deals");
      });
    }
  } finally {
    await app.close();
  }
});

Deno.test("reports: after the org's time zone changes, days and weeks are counted in the new zone", async () => {
  const app = await testApp();
  try {
    const world = await reportWorld(app, { zone: "Asia/Tokyo", currency: "EUR", otherCurrency: "USD", seed: 3 });
    const tokyo = await compare(world, await world.viewer("owner"), "range=this_quarter");
    await world.run((q) =>
      q.trx.updateTable("orgs").set({ time_zone: "America/Los_Angeles" }).where("id", "=", q.orgId).execute()
    );
    const la = await compare(world, await world.viewer("owner"), "range=this_quarter");
    assert.notDeepEqual(metrics(tokyo).activityWeeks, metrics(la).activityWeeks, "the weeks moved with the zone");
  } finally {
    await app.close();
  }
});

Deno.test("reports: cached numbers are reused until a write, then recomputed", async () => {
  const app = await testApp();
  try {
    const world = await reportWorld(app, { zone: "UTC", currency: "USD", otherCurrency: "GBP", seed: 5, deals: 60 });
    const owner = await world.viewer("owner");
    const first = await compare(world, owner, "range=this_month");
    assert.equal(first.cached, 0);
    const again = await compare(world, owner, "range=this_month");
    assert.equal(again.cached, 5, "every section from the cache");

    // A deal won today changes this month's revenue: the report shows it at once.
    const open = await world.run((q) =>
      q.selectFrom("deals").select(["id", "value_minor"]).where("status", "=", "open").where("deleted_at", "is", null)
        .where("currency", "=", "USD").where("value_minor", ">", 0).orderBy("id").limit(1).executeTakeFirstOrThrow()
    );
    await world.run((q) => setOutcome(q, owner, open.id, { outcome: "won" }));
    const after = await compare(world, owner, "range=this_month");
    assert.equal(after.cached, 0, "a write makes every section stale");
    assert.equal(metrics(after).totals.wonMinor, metrics(first).totals.wonMinor + open.value_minor);

    // An activity logged: the activity section is stale too.
    await world.run((q) =>
      q.insertInto("activities", { type: "call", subject: "Call", record_type: "deal", record_id: open.id }).execute()
    );
    const logged = await compare(world, owner, "range=this_month");
    assert.equal(logged.cached, 0);
  } finally {
    await app.close();
  }
});
