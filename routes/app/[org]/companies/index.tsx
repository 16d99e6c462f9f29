import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDate } from "@/components/records/format.ts";
import { ListFilters, ownerChoice, sortChoice } from "@/components/records/ListFilters.tsx";
import { Pager } from "@/components/records/Pager.tsx";
import { DeletedNotice } from "@/components/records/Trash.tsx";
import { ExportLink, LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { COMPANY_SORTS, type CompanySort, listCompanies } from "@/lib/records/companies.ts";
import { type ListParams, listParams } from "@/lib/records/list.ts";
import { type Member, withMembers } from "@/lib/records/members.ts";

type State = { auth: AuthContext };
interface Data {
  page: Awaited<ReturnType<typeof listCompanies>>;
  params: ListParams<CompanySort>;
  members: Member[];
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const params = listParams(ctx.url, COMPANY_SORTS, "name");
    const { auth } = ctx.state;
    return ctx.render({ ...await withMembers(auth, (q) => listCompanies(q, auth, params)), params });
  },
};

export default function Companies({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "companies");
  const { page, params } = data;
  return (
    <>
      <PageHeader
        title="Companies"
        actions={
          <>
            <ExportLink base={base} url={url} />
            <LinkButton href={`${base}/deleted`}>Recently deleted</LinkButton>
            <LinkButton href={`${base}/new`} variant="primary">New company</LinkButton>
          </>
        }
      />
      <DeletedNotice url={url} base={base} noun="company" />
      <ListFilters
        action={base}
        q={params.q}
        searchLabel="Name or domain"
        choices={[ownerChoice(data.members, params.owner), sortChoice(COMPANY_SORTS, params.sort)]}
      />
      <DataTable
        caption="Companies"
        rows={page.rows}
        empty={params.q || params.owner ? "No companies match these filters." : "No companies yet."}
        columns={[
          { label: "Name", render: (c) => <RowLink href={`${base}/${c.id}`}>{c.name}</RowLink> },
          { label: "Domain", render: (c) => c.domain ?? "—" },
          { label: "City", render: (c) => c.city ?? "—", wide: true },
          { label: "Owner", render: (c) => c.owner_name ?? "—" },
          { label: "Created", render: (c) => formatDate(c.created_at), wide: true },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="company" nouns="companies" />
    </>
  );
}
