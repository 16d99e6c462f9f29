/**
 * Report periods: a range of whole days in the org's time zone, the previous period it is compared
 * with, and its buckets (weeks counted from the period's first day for ranges up to 92 days,
 * calendar months otherwise). Days are ISO dates; instants are where those days begin in the zone.
 */
import { fromWallClock, toWallClock } from "../time/zones.ts";

export const RANGES = {
  this_month: "This month",
  last_month: "Last month",
  this_quarter: "This quarter",
  last_12_months: "Last 12 months",
  custom: "Custom",
} as const;
export type RangeKey = keyof typeof RANGES;

export type Unit = "week" | "month";

export interface Period {
  /** First day, and the day after the last (ISO dates in the org's zone). */
  start: string;
  end: string;
  /** Where those days begin. */
  from: Date;
  to: Date;
  unit: Unit;
  /** Bucket labels, in order; bucket i covers `bucketDays[i]` (first and last day). */
  labels: string[];
  bucketDays: [first: string, last: string][];
}

export interface Periods {
  current: Period;
  previous: Period;
  /** The current period in weeks, whatever its length (activity is counted per week). */
  weeks: Period;
  /** "Mar 2026", "1 Jan – 31 Mar 2026". */
  label: string;
}

/** Ranges longer than this are shown by month. */
const WEEKLY_MAX_DAYS = 92;
const DAY_MS = 86_400_000;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => isoDay(dayMs(day) + n * DAY_MS);
export const daysBetween = (a: string, b: string) => Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
/** The first day of the month `n` months after `day`'s. */
export const addMonths = (day: string, n: number) => {
  const d = new Date(dayMs(day));
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
};
/** Months since year 0 of `day`'s month: the month buckets' arithmetic (also in SQL). */
export const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const fullFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const fmt = (f: Intl.DateTimeFormat, day: string) => f.format(new Date(dayMs(day)));

/** The day `now` is in `zone`. */
export const localDay = (now: Date, zone: string) => toWallClock(now, zone).slice(0, 10);

export function period(start: string, end: string, zone: string, unit: Unit = unitFor(start, end)): Period {
  const bucketDays: [string, string][] = [];
  if (unit === "week") {
    for (let first = start; first < end; first = addDays(first, 7)) {
      const next = addDays(first, 7);
      bucketDays.push([first, addDays(next < end ? next : end, -1)]);
    }
  } else {
    for (let first = start; first < end;) {
      const next = addMonths(first, 1);
      bucketDays.push([first, addDays(next < end ? next : end, -1)]);
      first = next;
    }
  }
  const labels = bucketDays.map(([first, last]) =>
    unit === "month"
      ? fmt(monthFormat, first)
      : first === last
      ? fmt(dayFormat, first)
      : `${fmt(dayFormat, first)} – ${fmt(dayFormat, last)}`
  );
  const at = (day: string) => fromWallClock(`${day}T00:00`, zone);
  return { start, end, from: at(start), to: at(end), unit, labels, bucketDays };
}

const unitFor = (start: string, end: string): Unit => daysBetween(start, end) <= WEEKLY_MAX_DAYS ? "week" : "month";

/** The bucket a day falls in, as SQL computes it (lib/reports/sql.ts). */
export function bucketOf(p: Period, day: string): number {
  return p.unit === "week" ? Math.floor(daysBetween(p.start, day) / 7) : monthIndex(day) - monthIndex(p.start);
}

/**
 * The periods of a range at `now` in `zone`. Preset ranges are whole calendar periods (this month
 * includes the days still to come) compared with the one before; a custom range (`from`..`to`,
 * both included) with as many days just before it.
 */
export function periodsOf(range: RangeKey, now: Date, zone: string, custom?: { from: string; to: string }): Periods {
  const today = localDay(now, zone);
  const month = `${today.slice(0, 8)}01`;
  const months = (first: string, n: number) => ({ start: first, end: addMonths(first, n), back: addMonths(first, -n) });
  const span = range === "this_month"
    ? months(month, 1)
    : range === "last_month"
    ? months(addMonths(month, -1), 1)
    : range === "this_quarter"
    ? months(addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3)), 3)
    : range === "last_12_months"
    ? months(addMonths(month, -11), 12)
    : (() => {
      const start = custom!.from;
      const end = addDays(custom!.to, 1);
      return { start, end, back: addDays(start, -daysBetween(start, end)) };
    })();
  const current = period(span.start, span.end, zone);
  const last = addDays(span.end, -1);
  return {
    current,
    previous: period(span.back, span.start, zone, current.unit),
    weeks: period(span.start, span.end, zone, "week"),
    label: current.unit === "month" && range !== "custom"
      ? span.start.slice(0, 7) === last.slice(0, 7)
        ? fmt(monthFormat, span.start)
        : `${fmt(monthFormat, span.start)} – ${fmt(monthFormat, last)}`
      : `${fmt(fullFormat, span.start)} – ${fmt(fullFormat, last)}`,
  };
}
