/**
 * The report's numbers, derived from its sections: exact (money in minor units of the org's
 * currency, ratios unrounded) and named as the page shows them. Charts, tables and CSV files are
 * drawn from these; the correctness tests recompute each one from the raw rows.
 */
import type { Pipeline, Stage } from "../pipelines/pipelines.ts";
import type { ActivityKind } from "./activity.ts";
import type { ClosedDeals } from "./closed.ts";
import type { LeadFunnel } from "./leads.ts";
import { addMonths } from "./periods.ts";
import type { Report } from "./report.ts";

export const ACTIVITY_KINDS: ActivityKind[] = ["call", "email", "meeting", "note", "task"];

export interface Totals {
  won: number;
  wonMinor: number;
  lost: number;
  /** Won among closed (won or lost); null when none closed. */
  winRate: number | null;
  /** Rounded to a minor unit; null when none won. */
  averageWonMinor: number | null;
}

export interface StageValue {
  pipeline: Pipeline;
  stage: Stage;
  deals: number;
  minor: number;
  /** Value × stage probability, rounded to a minor unit. */
  weightedMinor: number;
}

export interface ForecastMonth {
  /** "overdue" (before this month), a month "YYYY-MM", "later" (a year on and after) or "none" (no date). */
  key: string;
  deals: number;
  minor: number;
  weightedMinor: number;
}

export interface StageStep {
  pipeline: Pipeline;
  from: Stage;
  /** The next stage, or null for "won". */
  to: Stage | null;
  /** Closed deals that reached `from` (or a later stage, or were won). */
  reached: number;
  /** Of those, the ones that reached `to` (or were won). */
  advanced: number;
  rate: number | null;
}

export interface RepRow {
  /** A member's id, or null for records nobody owns. */
  owner: string | null;
  won: number;
  wonMinor: number;
  activities: Record<ActivityKind, number>;
  activityTotal: number;
}

export interface Metrics {
  revenue: { won: number; wonMinor: number; previousWon: number; previousMinor: number }[];
  totals: Totals;
  previousTotals: Totals;
  /** Median of whole days from creation to won; null when none won. */
  medianCycleDays: number | null;
  pipeline: StageValue[];
  forecast: ForecastMonth[];
  conversion: StageStep[];
  funnel: LeadFunnel;
  /** Most lost deals first. */
  lostReasons: ClosedDeals["reasons"];
  activityWeeks: Record<ActivityKind, number>[];
  reps: RepRow[];
}

const zeroKinds = () => Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>;

function totals(cells: ClosedDeals["cells"]): Totals {
  const won = cells.reduce((n, c) => n + c.won, 0);
  const wonMinor = cells.reduce((n, c) => n + c.wonMinor, 0);
  const lost = cells.reduce((n, c) => n + c.lost, 0);
  return {
    won,
    wonMinor,
    lost,
    winRate: won + lost ? won / (won + lost) : null,
    averageWonMinor: won ? Math.round(wonMinor / won) : null,
  };
}

/** Like percentile_cont(0.5): the middle value, or the mean of the two middle ones. */
export function median(histogram: { days: number; deals: number }[]): number | null {
  const sorted = [...histogram].sort((a, b) => a.days - b.days);
  const n = sorted.reduce((s, h) => s + h.deals, 0);
  if (!n) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const h of sorted) if ((seen += h.deals) > index) return h.days;
    return sorted[sorted.length - 1].days;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** The pipelines the report covers: the filtered one, or all. */
export const reportPipelines = (r: Report) =>
  r.filters.pipeline ? r.pipelines.filter((p) => p.id === r.filters.pipeline) : r.pipelines;

function stageValues(r: Report): StageValue[] {
  return reportPipelines(r).flatMap((pipeline) =>
    pipeline.stages.map((stage) => {
      const rows = r.sections.open.rows.filter((row) => row.stage === stage.id);
      const minor = rows.reduce((n, row) => n + row.minor, 0);
      return {
        pipeline,
        stage,
        deals: rows.reduce((n, row) => n + row.deals, 0),
        minor,
        weightedMinor: Math.round(minor * stage.probability / 100),
      };
    })
  );
}

/** The next twelve months from the org's current one, with what is overdue, later or undated. */
export const FORECAST_MONTHS = 12;

function forecast(r: Report): ForecastMonth[] {
  const month = `${r.today.slice(0, 8)}01`;
  const months = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(month, i).slice(0, 7));
  const keys = ["overdue", ...months, "later", "none"];
  const probability = new Map(r.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.probability])));
  const sums = new Map(keys.map((key) => [key, { deals: 0, minor: 0, weighted: 0 }]));
  for (const row of r.sections.open.rows) {
    if (!probability.has(row.stage)) continue;
    const key = row.month === null
      ? "none"
      : row.month < month
      ? "overdue"
      : months.includes(row.month.slice(0, 7))
      ? row.month.slice(0, 7)
      : "later";
    const sum = sums.get(key)!;
    sum.deals += row.deals;
    sum.minor += row.minor;
    sum.weighted += row.minor * probability.get(row.stage)!;
  }
  return keys.map((key) => {
    const s = sums.get(key)!;
    return { key, deals: s.deals, minor: s.minor, weightedMinor: Math.round(s.weighted / 100) };
  });
}

function conversion(r: Report): StageStep[] {
  return reportPipelines(r).flatMap((pipeline) => {
    const position = new Map(pipeline.stages.map((s, i) => [s.id, i]));
    const last = pipeline.stages.length;
    // How far each closed deal got: a stage index, or `last` for won.
    const reachedAt = new Array(last + 1).fill(0);
    for (const row of r.sections.closed.reach.filter((row) => row.pipeline === pipeline.id)) {
      const lost = (row.furthest !== null ? position.get(row.furthest) : undefined) ?? position.get(row.stage) ?? 0;
      reachedAt[last] += row.won;
      reachedAt[lost] += row.lost;
    }
    const reached = (i: number) => reachedAt.slice(i).reduce((a: number, b: number) => a + b, 0);
    return pipeline.stages.map((from, i) => {
      const [count, advanced] = [reached(i), reached(i + 1)];
      return {
        pipeline,
        from,
        to: pipeline.stages[i + 1] ?? null,
        reached: count,
        advanced,
        rate: count ? advanced / count : null,
      };
    });
  });
}

function reps(r: Report): RepRow[] {
  const rows = new Map<string | null, RepRow>();
  const row = (owner: string | null) => {
    let found = rows.get(owner);
    if (!found) rows.set(owner, found = { owner, won: 0, wonMinor: 0, activities: zeroKinds(), activityTotal: 0 });
    return found;
  };
  for (const c of r.sections.closed.cells) {
    if (!c.won) continue;
    const rep = row(c.owner);
    rep.won += c.won;
    rep.wonMinor += c.wonMinor;
  }
  for (const a of r.sections.activity.owners) {
    const rep = row(a.owner);
    rep.activities[a.kind] += a.n;
    rep.activityTotal += a.n;
  }
  return [...rows.values()];
}

export function metrics(r: Report): Metrics {
  const { current, weeks } = r.periods;
  const revenue = current.labels.map((_, i) => {
    const now = r.sections.closed.cells.filter((c) => c.bucket === i);
    const before = r.sections.previous.filter((c) => c.bucket === i);
    return {
      won: now.reduce((n, c) => n + c.won, 0),
      wonMinor: now.reduce((n, c) => n + c.wonMinor, 0),
      previousWon: before.reduce((n, c) => n + c.won, 0),
      previousMinor: before.reduce((n, c) => n + c.wonMinor, 0),
    };
  });
  const activityWeeks = weeks.labels.map(() => zeroKinds());
  for (const w of r.sections.activity.weeks) if (activityWeeks[w.bucket]) activityWeeks[w.bucket][w.kind] += w.n;
  return {
    revenue,
    totals: totals(r.sections.closed.cells),
    previousTotals: totals(r.sections.previous),
    medianCycleDays: median(r.sections.closed.cycles),
    pipeline: stageValues(r),
    forecast: forecast(r),
    conversion: conversion(r),
    funnel: r.sections.leads,
    lostReasons: [...r.sections.closed.reasons].sort((a, b) => b.deals - a.deals || a.reason.localeCompare(b.reason)),
    activityWeeks,
    reps: reps(r),
  };
}
