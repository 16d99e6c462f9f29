import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDate, fullName } from "@/components/records/format.ts";
import { ListFilters, ownerChoice, sortChoice } from "@/components/records/ListFilters.tsx";
import { Pager } from "@/components/records/Pager.tsx";
import { DeletedNotice } from "@/components/records/Trash.tsx";
import { ExportLink, LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { CONTACT_SORTS, type ContactSort, listContacts } from "@/lib/records/contacts.ts";
import { type ListParams, listParams } from "@/lib/records/list.ts";
import { type Member, withMembers } from "@/lib/records/members.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
interface Data {
  page: Awaited<ReturnType<typeof listContacts>>;
  params: ListParams<ContactSort>;
  members: Member[];
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const params = listParams(ctx.url, CONTACT_SORTS, "name");
    const { auth } = ctx.state;
    return ctx.render({ ...await withMembers(auth, (q) => listContacts(q, auth, params)), params });
  },
};

export default function Contacts({ data, state, url }: PageProps<Data, State>) {
  const slug = state.auth.org.slug;
  const base = orgPath(slug, "contacts");
  const { page, params } = data;
  return (
    <>
      <PageHeader
        title="Contacts"
        actions={
          <>
            <ExportLink base={base} url={url} />
            <LinkButton href={`${base}/deleted`}>Recently deleted</LinkButton>
            <LinkButton href={`${base}/new`} variant="primary">New contact</LinkButton>
          </>
        }
      />
      <DeletedNotice url={url} base={base} noun="contact" />
      <ListFilters
        action={base}
        q={params.q}
        searchLabel="Name or email"
        choices={[ownerChoice(data.members, params.owner), sortChoice(CONTACT_SORTS, params.sort)]}
      />
      <DataTable
        caption="Contacts"
        rows={page.rows}
        empty={params.q || params.owner ? "No contacts match these filters." : "No contacts yet."}
        columns={[
          { label: "Name", render: (c) => <RowLink href={`${base}/${c.id}`}>{fullName(c)}</RowLink> },
          { label: "Email", render: (c) => c.email ?? "—" },
          {
            label: "Company",
            render: (c) =>
              c.company_id && c.company_name
                ? <RowLink href={recordPath(slug, "company", c.company_id)}>{c.company_name}</RowLink>
                : "—",
          },
          { label: "Title", render: (c) => c.title ?? "—", wide: true },
          { label: "Owner", render: (c) => c.owner_name ?? "—", wide: true },
          { label: "Created", render: (c) => formatDate(c.created_at), wide: true },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="contact" />
    </>
  );
}
