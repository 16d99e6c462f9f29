/** Deals as a table: status, pipeline, owner and title filters, sort, keyset pages and the count. */
import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDate } from "@/components/records/format.ts";
import { type FilterChoice, ListFilters, ownerChoice, sortChoice } from "@/components/records/ListFilters.tsx";
import { Pager } from "@/components/records/Pager.tsx";
import { DeletedNotice } from "@/components/records/Trash.tsx";
import { ReportFilterNotice } from "@/components/reports/ReportFilterNotice.tsx";
import { Badge, ExportLink, LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { DEAL_SORTS, type DealListParams, dealListParams, listDeals } from "@/lib/deals/list.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath, withQuery } from "@/lib/http/paths.ts";
import { type Member, orgMembers } from "@/lib/records/members.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { inOrg } from "@/lib/records/records.ts";
import { listPipelines, type PipelineSummary } from "@/lib/pipelines/pipelines.ts";

type State = { auth: AuthContext };
interface Data {
  page: Awaited<ReturnType<typeof listDeals>>;
  params: DealListParams;
  members: Member[];
  pipelines: PipelineSummary[];
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const params = dealListParams(ctx.url);
    const data = await inOrg(auth, async (q) => ({
      page: await listDeals(q, auth, params),
      params,
      members: await orgMembers(q),
      pipelines: await listPipelines(q),
    }));
    return ctx.render(data);
  },
};

const STATUS_CHOICES: [string, string][] = [["open", "Open"], ["won", "Won"], ["lost", "Lost"], ["all", "All"]];

export default function DealList({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "deals");
  const { page, params } = data;
  const choices: FilterChoice[] = [
    { name: "status", label: "Status", value: params.status, options: STATUS_CHOICES },
    {
      name: "pipeline",
      label: "Pipeline",
      value: params.pipeline,
      options: [["", "All pipelines"], ...data.pipelines.map((p) => [p.id, p.name] as [string, string])],
    },
    ownerChoice(data.members, params.owner),
    sortChoice(DEAL_SORTS, params.sort),
  ];
  return (
    <>
      <PageHeader
        title="Deal list"
        actions={
          <>
            <LinkButton href={withQuery(base, { pipeline: params.pipeline })}>Board</LinkButton>
            <ExportLink base={base} url={url} />
            <LinkButton href={`${base}/deleted`}>Recently deleted</LinkButton>
            <LinkButton href={`${base}/new`} variant="primary">New deal</LinkButton>
          </>
        }
      />
      <DeletedNotice url={url} base={base} noun="deal" />
      <ListFilters action={`${base}/list`} q={params.q} searchLabel="Title" choices={choices} />
      {params.stage
        ? (
          <p class="mb-3 text-sm text-slate-600">
            Showing one stage.{" "}
            <a href={url.pathname + url.search.replace(/&?stage=[^&]*/, "")} class="underline">
              Show every stage
            </a>
          </p>
        )
        : null}
      <ReportFilterNotice params={params} href={`${base}/list?status=${params.status}`} />
      <DataTable
        caption="Deals"
        rows={page.rows}
        empty={params.q || params.owner ? "No deals match these filters." : "No deals yet."}
        columns={[
          { label: "Title", render: (d) => <RowLink href={`${base}/${d.id}`}>{d.title}</RowLink> },
          { label: "Value", render: (d) => formatMoney(d.value_minor, d.currency), align: "right" },
          { label: "Stage", render: (d) => `${d.pipeline_name} · ${d.stage_name}`, wide: true },
          { label: "Status", render: (d) => <Badge value={d.status} /> },
          { label: "Company", render: (d) => d.company_name ?? "—", wide: true },
          { label: "Owner", render: (d) => d.owner_name ?? "—" },
          { label: "Expected close", render: (d) => formatDate(d.expected_close_date), wide: true },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="deal" />
    </>
  );
}
