import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDate } from "@/components/records/format.ts";
import { ListFilters, ownerChoice, sortChoice } from "@/components/records/ListFilters.tsx";
import { Pager } from "@/components/records/Pager.tsx";
import { DeletedNotice } from "@/components/records/Trash.tsx";
import { Badge, ExportLink, LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { LEAD_SORTS, type LeadFilter, leadFilter, type LeadSort, listLeads } from "@/lib/records/leads.ts";
import { type ListParams, listParams } from "@/lib/records/list.ts";
import { type Member, withMembers } from "@/lib/records/members.ts";

type State = { auth: AuthContext };
interface Data {
  page: Awaited<ReturnType<typeof listLeads>>;
  params: ListParams<LeadSort> & { status: LeadFilter };
  members: Member[];
}

const STATUS_OPTIONS: [string, string][] = [
  ["open", "Open (new and qualified)"],
  ["new", "New"],
  ["qualified", "Qualified"],
  ["disqualified", "Disqualified"],
  ["converted", "Converted"],
  ["all", "All"],
];

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const params = { ...listParams(ctx.url, LEAD_SORTS, "newest"), status: leadFilter(ctx.url) };
    return ctx.render({
      ...await withMembers(auth, (q) => listLeads(q, auth, params)),
      params,
    });
  },
};

export default function Leads({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "leads");
  const { page, params } = data;
  return (
    <>
      <PageHeader
        title="Leads"
        subtitle="New and qualified leads waiting to be worked, from the web form and by hand."
        actions={
          <>
            <ExportLink base={base} url={url} />
            <LinkButton href={`${base}/deleted`}>Recently deleted</LinkButton>
            <LinkButton href={`${base}/new`} variant="primary">New lead</LinkButton>
          </>
        }
      />
      <DeletedNotice url={url} base={base} noun="lead" />
      <ListFilters
        action={base}
        q={params.q}
        searchLabel="Name, email or company"
        choices={[
          { name: "status", label: "Status", value: params.status, options: STATUS_OPTIONS },
          ownerChoice(data.members, params.owner),
          sortChoice(LEAD_SORTS, params.sort),
        ]}
      />
      <DataTable
        caption="Leads"
        rows={page.rows}
        empty={params.q || params.owner || params.status !== "open"
          ? "No leads match these filters."
          : "The inbox is empty. Add a lead, or put the web form on your site."}
        columns={[
          { label: "Name", render: (l) => <RowLink href={`${base}/${l.id}`}>{l.name}</RowLink> },
          { label: "Company", render: (l) => l.company_name ?? "—" },
          { label: "Email", render: (l) => l.email ?? "—", wide: true },
          { label: "Status", render: (l) => <Badge value={l.status} /> },
          { label: "Source", render: (l) => l.source.replace("_", " "), wide: true },
          { label: "Owner", render: (l) => l.owner_name ?? "Unassigned", wide: true },
          { label: "Received", render: (l) => formatDate(l.created_at) },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="lead" />
      <p class="mt-8 text-sm text-slate-700">
        Collect leads from your website:{" "}
        <a href={orgPath(state.auth.org.slug, "settings", "web-form")} class="text-brand-700 underline">
          the web form, its link and embed code
        </a>
      </p>
    </>
  );
}
