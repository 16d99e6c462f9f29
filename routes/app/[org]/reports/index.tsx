/** Reports: revenue, pipeline and forecast, conversion, lost reasons, activity; filters in the URL. */
import { PageHeader } from "@/components/records/ui.tsx";
import { Headlines } from "@/components/reports/Headlines.tsx";
import { ReportFilterForm } from "@/components/reports/ReportFilterForm.tsx";
import ReportChart from "@/islands/ReportChart.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { csvLink, reportsPath } from "@/lib/reports/links.ts";
import { type ReportPage, reportPage } from "@/lib/reports/page.ts";

type State = { auth: AuthContext };

export const handler: Handlers<ReportPage, State> = {
  async GET(_req, ctx) {
    const page = await reportPage(ctx.state.auth, ctx.url);
    return ctx.render(page, page.ok ? undefined : { status: 422 });
  },
};

export default function Reports({ data, state }: PageProps<ReportPage, State>) {
  const slug = state.auth.org.slug;
  const { report } = data;
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle={report
          ? `${report.period} · amounts in ${report.currency} (deals in other currencies are not added in)`
          : "Correct the dates to see the report."}
      />
      <ReportFilterForm
        action={reportsPath(slug)}
        filters={data.filters}
        pipelines={data.pipelines}
        members={data.members}
        errors={data.errors}
      />
      {report
        ? (
          <>
            <Headlines items={report.headlines} />
            <div class="grid gap-6 lg:grid-cols-2">
              {report.charts.map((spec) => (
                <ReportChart key={spec.id} spec={spec} csv={csvLink(slug, data.filters, spec.id)} />
              ))}
            </div>
          </>
        )
        : (
          <p role="alert" class="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            The custom period is not valid: see the dates above.
          </p>
        )}
    </>
  );
}
