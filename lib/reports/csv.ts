/** A chart's numbers as CSV: one row per label, one column per series, as drawn. */
import { stringify } from "csv-stringify/sync";
import { csvCell } from "../records/export.ts";
import type { ChartSpec } from "./spec.ts";

export function chartCsv(spec: ChartSpec): string {
  const header = [
    spec.category,
    ...spec.series.map((s) =>
      s.format === "money" ? `${s.label} (${spec.currency})` : s.format === "percent" ? `${s.label} (%)` : s.label
    ),
  ];
  const rows = spec.labels.map((label, i) => [label, ...spec.series.map((s) => s.values[i] ?? "")]);
  return stringify([header, ...rows].map((row) => row.map(csvCell)));
}
