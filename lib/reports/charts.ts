/**
 * The report page's charts and headline figures, built from the metrics: what each chart draws,
 * in which units, and which deal list each bar opens.
 */
import { fractionDigits } from "../records/money.ts";
import type { ReportFilters } from "./filters.ts";
import { dealsLink } from "./links.ts";
import { ACTIVITY_KINDS, type Metrics } from "./metrics.ts";
import { addDays, addMonths } from "./periods.ts";
import type { Report } from "./report.ts";
import type { ChartSpec, Series, ValueFormat } from "./spec.ts";

const COLORS = {
  current: "#4f46e5",
  previous: "#a5b4fc",
  value: "#0ea5e9",
  weighted: "#4f46e5",
  lost: "#f97316",
  won: "#10b981",
  kinds: { call: "#4f46e5", email: "#0ea5e9", meeting: "#10b981", note: "#f59e0b", task: "#ec4899" },
};
const KIND_LABELS = { call: "Calls", email: "Emails", meeting: "Meetings", note: "Notes", task: "Tasks done" };
/** Lost reasons shown one by one; the rest are added up as "Other reasons". */
const TOP_REASONS = 8;

const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export interface Headline {
  label: string;
  value: string;
  /** Compared with the previous period, when that says something. */
  change?: string;
}

/** What every chart builder below reads. */
interface Context {
  r: Report;
  m: Metrics;
  /** Minor units to the major units drawn. */
  major(minor: number): number;
  /** The deal list under the report's filters (`narrowed` replaces some), with `query`. */
  link(query: Record<string, string>, narrowed?: Partial<ReportFilters>): string;
  /** The whole period, as the deal list's closed days. */
  closed: Record<string, string>;
  name(owner: string | null): string;
  stageName(pipeline: { name: string }, stage: { name: string }): string;
}

type Spec = Omit<ChartSpec, "currency">;

const series = (label: string, values: (number | null)[], format: ValueFormat, color: string): Series => ({
  label,
  values,
  format,
  color,
});

function revenueChart({ r, m, major, link }: Context): Spec {
  const { current } = r.periods;
  return {
    id: "revenue",
    title: "Revenue won",
    note: `Deals won in ${current.unit === "month" ? "each month" : "each week"}, by close date, beside the ` +
      `same ${current.unit} of the period before.`,
    category: current.unit === "month" ? "Month" : "Week",
    labels: current.labels,
    series: [
      series("Won", m.revenue.map((b) => major(b.wonMinor)), "money", COLORS.current),
      series("Previous period", m.revenue.map((b) => major(b.previousMinor)), "money", COLORS.previous),
    ],
    links: current.bucketDays.map(([first, last]) => link({ status: "won", closed_from: first, closed_to: last })),
    empty: "No deals won in this period.",
  };
}

function pipelineCharts({ r, m, major, link, stageName }: Context): Spec[] {
  const month = `${r.today.slice(0, 8)}01`;
  const label = (key: string) =>
    key === "overdue"
      ? "Overdue"
      : key === "later"
      ? "Later"
      : key === "none"
      ? "No date"
      : monthLabel.format(new Date(`${key}-01T00:00:00Z`));
  const expected = (key: string): Record<string, string> =>
    key === "overdue"
      ? { expected_to: addDays(month, -1) }
      : key === "later"
      ? { expected_from: addMonths(month, 12) }
      : { expected_from: `${key}-01`, expected_to: addDays(addMonths(`${key}-01`, 1), -1) };
  return [
    {
      id: "pipeline",
      title: "Open pipeline by stage",
      note: "Open deals now: their value, and their value weighted by the stage's win probability.",
      category: "Stage",
      labels: m.pipeline.map((s) => stageName(s.pipeline, s.stage)),
      series: [
        series("Value", m.pipeline.map((s) => major(s.minor)), "money", COLORS.value),
        series("Weighted", m.pipeline.map((s) => major(s.weightedMinor)), "money", COLORS.weighted),
      ],
      links: m.pipeline.map((s) => link({ status: "open", stage: s.stage.id }, { pipeline: s.pipeline.id })),
      empty: "No open deals.",
    },
    {
      id: "forecast",
      title: "Forecast by expected close month",
      note: "Open deals by the month they are expected to close: weighted by stage probability, and in full.",
      category: "Expected close",
      labels: m.forecast.map((x) => label(x.key)),
      series: [
        series("Weighted", m.forecast.map((x) => major(x.weightedMinor)), "money", COLORS.weighted),
        series("Value", m.forecast.map((x) => major(x.minor)), "money", COLORS.value),
      ],
      links: m.forecast.map((x) => x.key === "none" ? null : link({ status: "open", ...expected(x.key) })),
      empty: "No open deals.",
    },
  ];
}

function outcomeCharts({ m, link, closed, stageName }: Context): Spec[] {
  const reasons = m.lostReasons.slice(0, TOP_REASONS);
  const others = m.lostReasons.slice(TOP_REASONS);
  return [
    {
      id: "conversion",
      title: "Stage-to-stage conversion",
      note: "Of the deals closed in this period that reached a stage, the share that went on to the next " +
        "(a won deal went through every stage).",
      category: "Step",
      labels: m.conversion.map((s) => `${stageName(s.pipeline, s.from)} → ${s.to ? s.to.name : "Won"}`),
      series: [
        series(
          "Went on",
          m.conversion.map((s) => s.rate === null ? null : Math.round(s.rate * 1000) / 10),
          "percent",
          COLORS.won,
        ),
      ],
      links: m.conversion.map(() => null),
      horizontal: true,
      empty: "No deals closed in this period.",
    },
    {
      id: "funnel",
      title: "Lead funnel",
      note: "Leads created in this period (every pipeline): qualified, converted, and converted into a deal won.",
      category: "Step",
      labels: ["Leads", "Qualified", "Converted", "Won"],
      series: [
        series(
          "Leads",
          [m.funnel.created, m.funnel.qualified, m.funnel.converted, m.funnel.won],
          "count",
          COLORS.current,
        ),
      ],
      links: [null, null, null, null],
      horizontal: true,
      empty: "No leads created in this period.",
    },
    {
      id: "lost",
      title: "Lost deals by reason",
      note: "Deals lost in this period, by the reason given.",
      category: "Reason",
      labels: [...reasons.map((x) => x.reason || "No reason given"), ...(others.length ? ["Other reasons"] : [])],
      series: [
        series(
          "Deals lost",
          [...reasons.map((x) => x.deals), ...(others.length ? [others.reduce((n, x) => n + x.deals, 0)] : [])],
          "count",
          COLORS.lost,
        ),
      ],
      links: [
        ...reasons.map((x) => x.reason ? link({ status: "lost", reason: x.reason, ...closed }) : null),
        ...(others.length ? [null] : []),
      ],
      horizontal: true,
      empty: "No deals lost in this period.",
    },
  ];
}

function repCharts({ r, m, major, link, closed, name }: Context): Spec[] {
  const { weeks } = r.periods;
  const byRevenue = m.reps.filter((rep) => rep.won).sort((a, b) => b.wonMinor - a.wonMinor || b.won - a.won);
  const byActivity = m.reps.filter((rep) => rep.activityTotal).sort((a, b) => b.activityTotal - a.activityTotal);
  const perWeek = (n: number) => Math.round(n / weeks.labels.length * 10) / 10;
  return [
    {
      id: "activity",
      title: "Activities per week",
      note: "Calls, emails, meetings and notes logged, and tasks done, each week of the period.",
      category: "Week",
      labels: weeks.labels,
      series: ACTIVITY_KINDS.map((k) =>
        series(KIND_LABELS[k], m.activityWeeks.map((w) => w[k]), "count", COLORS.kinds[k])
      ),
      links: weeks.labels.map(() => null),
      stacked: true,
      empty: "No activities in this period.",
    },
    {
      id: "reps-revenue",
      title: "Reps by revenue won",
      note: "Deals won in this period, by owner.",
      category: "Rep",
      labels: byRevenue.map((rep) => name(rep.owner)),
      series: [series("Won", byRevenue.map((rep) => major(rep.wonMinor)), "money", COLORS.won)],
      links: byRevenue.map((rep) => link({ status: "won", ...closed }, { owner: rep.owner ?? "none" })),
      horizontal: true,
      empty: "No deals won in this period.",
    },
    {
      id: "reps-activity",
      title: "Reps by activities, per week",
      note: `Activities per rep per week (over the period's ${weeks.labels.length} weeks), most active first.`,
      category: "Rep",
      labels: byActivity.map((rep) => name(rep.owner)),
      series: ACTIVITY_KINDS.map((k) =>
        series(KIND_LABELS[k], byActivity.map((rep) => perWeek(rep.activities[k])), "count", COLORS.kinds[k])
      ),
      links: byActivity.map(() => null),
      horizontal: true,
      stacked: true,
      empty: "No activities in this period.",
    },
  ];
}

export function charts(r: Report, m: Metrics, slug: string): ChartSpec[] {
  const names = new Map(r.members.map((u) => [u.id, u.name]));
  const several = r.pipelines.length > 1 && !r.filters.pipeline;
  const c: Context = {
    r,
    m,
    major: (minor) => minor / 10 ** fractionDigits(r.currency),
    link: (query, narrowed = {}) => dealsLink(slug, { ...r.filters, ...narrowed }, query),
    closed: { closed_from: r.periods.current.start, closed_to: addDays(r.periods.current.end, -1) },
    name: (owner) => owner === null ? "Unassigned" : names.get(owner) ?? "Former member",
    stageName: (pipeline, stage) => several ? `${pipeline.name}: ${stage.name}` : stage.name,
  };
  return [revenueChart(c), ...pipelineCharts(c), ...outcomeCharts(c), ...repCharts(c)]
    .map((spec) => ({ ...spec, currency: r.currency }));
}

const percent = (ratio: number | null) => ratio === null ? "—" : `${Math.round(ratio * 1000) / 10}%`;

/** The figures above the charts. */
export function headlines(m: Metrics, money: (minor: number) => string): Headline[] {
  const { totals, previousTotals: before } = m;
  const change = (now: number, then: number) =>
    then
      ? `${now >= then ? "+" : "−"}${Math.abs(Math.round((now - then) / then * 1000) / 10)}% on the period before`
      : undefined;
  const open = m.pipeline.reduce((n, s) => n + s.minor, 0);
  const weighted = m.pipeline.reduce((n, s) => n + s.weightedMinor, 0);
  return [
    { label: "Revenue won", value: money(totals.wonMinor), change: change(totals.wonMinor, before.wonMinor) },
    { label: "Deals won", value: String(totals.won), change: change(totals.won, before.won) },
    {
      label: "Win rate",
      value: percent(totals.winRate),
      change: before.winRate === null ? undefined : `${percent(before.winRate)} the period before`,
    },
    { label: "Average deal won", value: totals.averageWonMinor === null ? "—" : money(totals.averageWonMinor) },
    {
      label: "Median sales cycle",
      value: m.medianCycleDays === null ? "—" : `${m.medianCycleDays} days`,
    },
    { label: "Open pipeline", value: money(open), change: `${money(weighted)} weighted` },
  ];
}
