/** What the reports page and its CSV downloads show for a URL: the charts and figures, or the filters to correct. */
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { formatMoney } from "../records/money.ts";
import { charts, headlines } from "./charts.ts";
import { chartCsv } from "./csv.ts";
import { reportFilters } from "./filters.ts";
import { metrics } from "./metrics.ts";
import { loadReport, reportChoices } from "./report.ts";

export async function reportPage(auth: AuthContext, url: URL) {
  const parsed = reportFilters(url);
  if (!parsed.ok) return { ...parsed, ...await reportChoices(auth), report: null };
  const report = await loadReport(auth, parsed.filters);
  const m = metrics(report);
  return {
    ok: true as const,
    filters: report.filters,
    errors: {},
    pipelines: report.pipelines,
    members: report.members,
    report: {
      period: report.periods.label,
      currency: report.currency,
      charts: charts(report, m, auth.org.slug),
      headlines: headlines(m, (minor) => formatMoney(minor, report.currency)),
    },
  };
}

export type ReportPage = Awaited<ReturnType<typeof reportPage>>;

/** One chart's numbers as a CSV file; 404 for a chart the page does not have. */
export async function reportCsv(auth: AuthContext, url: URL): Promise<Response> {
  const page = await reportPage(auth, url);
  const spec = page.report?.charts.find((c) => c.id === url.searchParams.get("chart"));
  if (!spec) throw notFound("No such chart");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(chartCsv(spec), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${auth.org.slug}-${spec.id}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
