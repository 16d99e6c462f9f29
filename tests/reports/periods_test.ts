import assert from "node:assert/strict";
import { reportFilters } from "@/lib/reports/filters.ts";
import { bucketOf, periodsOf } from "@/lib/reports/periods.ts";

const at = (iso: string) => new Date(iso);

Deno.test("periods: presets are whole calendar periods of the org's zone, compared with the one before", () => {
  // 23:30 UTC on 31 March is already 1 April in Auckland (UTC+13 until 5 April).
  const now = at("2026-03-31T23:30:00Z");
  const month = periodsOf("this_month", now, "Pacific/Auckland");
  assert.equal(month.current.start, "2026-04-01");
  assert.equal(month.current.end, "2026-05-01");
  assert.equal(month.previous.start, "2026-03-01");
  assert.equal(month.current.from.toISOString(), "2026-03-31T11:00:00.000Z", "midnight in Auckland, NZDT");
  assert.equal(month.current.to.toISOString(), "2026-04-30T12:00:00.000Z", "midnight in Auckland, NZST");
  assert.equal(month.current.unit, "week");
  assert.deepEqual(month.current.bucketDays.at(-1), ["2026-04-29", "2026-04-30"]);
  assert.equal(month.current.labels[0], "1 Apr – 7 Apr");

  const quarter = periodsOf("this_quarter", at("2026-08-15T12:00:00Z"), "UTC");
  assert.deepEqual([quarter.current.start, quarter.current.end], ["2026-07-01", "2026-10-01"]);
  assert.deepEqual([quarter.previous.start, quarter.previous.end], ["2026-04-01", "2026-07-01"]);
  assert.equal(quarter.previous.unit, "week", "compared bucket for bucket");

  const year = periodsOf("last_12_months", at("2026-01-10T12:00:00Z"), "UTC");
  assert.deepEqual([year.current.start, year.current.end], ["2025-02-01", "2026-02-01"]);
  assert.equal(year.current.unit, "month");
  assert.equal(year.current.labels.length, 12);
  assert.deepEqual([year.current.labels[0], year.current.labels[11]], ["Feb 2025", "Jan 2026"]);
  assert.equal(year.weeks.unit, "week");
  assert.equal(year.weeks.labels.length, 53);
  assert.equal(bucketOf(year.current, "2025-12-31"), 10);
  assert.equal(bucketOf(year.weeks, "2025-02-08"), 1);

  const last = periodsOf("last_month", at("2026-01-10T12:00:00Z"), "UTC");
  assert.deepEqual([last.current.start, last.previous.start], ["2025-12-01", "2025-11-01"]);
});

Deno.test("periods: a custom range includes both days and is compared with as many days before", () => {
  const p = periodsOf("custom", new Date(), "Europe/Paris", { from: "2026-03-20", to: "2026-04-05" });
  assert.deepEqual([p.current.start, p.current.end], ["2026-03-20", "2026-04-06"]);
  assert.deepEqual([p.previous.start, p.previous.end], ["2026-03-03", "2026-03-20"]);
  assert.equal(p.current.from.toISOString(), "2026-03-19T23:00:00.000Z");
  assert.equal(p.current.to.toISOString(), "2026-04-05T22:00:00.000Z", "after the clocks went forward");
  assert.equal(p.label, "20 Mar 2026 – 5 Apr 2026");
});

Deno.test("report filters: presets, ids and teams from the query string; a bad custom range names its field", () => {
  const parse = (q: string) => reportFilters(new URL(`http://x/?${q}`));
  assert.deepEqual(parse("range=nope&pipeline=1;drop&owner=me&team=%20North%20"), {
    ok: true,
    filters: { range: "last_12_months", from: "", to: "", pipeline: "", owner: "", team: "North" },
  });
  const bad = parse("range=custom&from=2026-02-30&to=2026-01-01");
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.errors.from === "Enter a valid date");
  const backwards = parse("range=custom&from=2026-03-01&to=2026-01-01");
  assert.ok(!backwards.ok && backwards.errors.to === "The end comes before the start");
  const long = parse("range=custom&from=2020-01-01&to=2026-01-01");
  assert.ok(!long.ok && long.errors.to === "Choose at most three years");
  assert.ok(parse("range=custom&from=2026-01-01&to=2026-01-01").ok, "one day");
});
