/**
 * A chart as the page draws it: labels, series of numbers as drawn (money in major units of the
 * org's currency, percentages 0–100), and where each label links. The island draws it, the page
 * renders it as a table and the CSV download writes it, so all three show the same numbers.
 * Pure and small: the chart island bundles it.
 */
export type ValueFormat = "money" | "count" | "percent" | "days";

export interface Series {
  label: string;
  values: (number | null)[];
  format: ValueFormat;
  color: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What is counted, in a sentence. */
  note: string;
  /** The labels' column heading ("Month", "Stage"…). */
  category: string;
  labels: string[];
  series: Series[];
  /** Per label: the deal list narrowed to what its bar counts, or null. */
  links: (string | null)[];
  horizontal?: boolean;
  stacked?: boolean;
  currency: string;
  /** Shown instead of the chart when every value is zero or missing. */
  empty: string;
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, f = new Intl.NumberFormat("en", options));
  return f;
}

export function formatValue(value: number | null, format: ValueFormat, currency: string, compact = false): string {
  if (value === null) return "—";
  if (format === "money") {
    return numberFormat(`${currency}${compact}`, {
      style: "currency",
      currency,
      ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
    }).format(value);
  }
  if (format === "percent") return `${numberFormat("1", { maximumFractionDigits: 1 }).format(value)}%`;
  const n = numberFormat(`n${compact}`, compact ? { notation: "compact" } : { maximumFractionDigits: 1 }).format(value);
  return format === "days" ? `${n} days` : n;
}

export const hasData = (spec: ChartSpec) => spec.series.some((s) => s.values.some((v) => v !== null && v !== 0));
