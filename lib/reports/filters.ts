/**
 * The reports' filters, all in the query string so a report is a link: range (a preset or custom
 * days), pipeline, owner and team. Unknown or malformed values fall back to "all" (as lists do);
 * a custom range that does not make sense is reported on its fields instead.
 */
import * as z from "zod";
import { UUID } from "../records/fields.ts";
import { daysBetween, type RangeKey, RANGES } from "./periods.ts";

export interface ReportFilters {
  range: RangeKey;
  /** Custom range, both days included ("" for presets). */
  from: string;
  to: string;
  /** A pipeline id, or "" for every pipeline. */
  pipeline: string;
  /** A member's id, or "" for anyone. */
  owner: string;
  /** A team name, or "" for every team. */
  team: string;
}

export type FilterResult =
  | { ok: true; filters: ReportFilters }
  | { ok: false; filters: ReportFilters; errors: Record<string, string> };

export const DEFAULT_RANGE: RangeKey = "last_12_months";
/** A custom range may span this many days at most (three years). */
const MAX_DAYS = 1096;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: "Enter a valid date",
    },
  )
  .refine((v) => v >= "2000-01-01" && v <= "2099-12-31", "Enter a date between 2000 and 2099");

const customRange = z.object({ from: isoDay, to: isoDay })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "The end comes before the start" })
  .refine((r) => daysBetween(r.from, r.to) < MAX_DAYS, { path: ["to"], message: "Choose at most three years" });

export function reportFilters(url: URL): FilterResult {
  const get = (key: string) => (url.searchParams.get(key) ?? "").trim();
  const id = (key: string) => UUID.test(get(key)) ? get(key).toLowerCase() : "";
  const range = (get("range") in RANGES ? get("range") : DEFAULT_RANGE) as RangeKey;
  const filters: ReportFilters = {
    range,
    from: range === "custom" ? get("from").slice(0, 10) : "",
    to: range === "custom" ? get("to").slice(0, 10) : "",
    pipeline: id("pipeline"),
    owner: id("owner"),
    team: get("team").slice(0, 100),
  };
  if (range !== "custom") return { ok: true, filters };
  const parsed = customRange.safeParse({ from: filters.from, to: filters.to });
  if (parsed.success) return { ok: true, filters };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, filters, errors };
}

/** The filters as a query string (defaults left out), for links and the CSV download. */
export function filterQuery(f: ReportFilters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (f.range !== DEFAULT_RANGE) query.set("range", f.range);
  if (f.range === "custom") {
    query.set("from", f.from);
    query.set("to", f.to);
  }
  for (const key of ["pipeline", "owner", "team"] as const) if (f[key]) query.set(key, f[key]);
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return query.size ? `?${query}` : "";
}
