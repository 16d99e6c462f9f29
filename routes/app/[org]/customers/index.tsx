import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDate } from "@/components/records/format.ts";
import { Pager } from "@/components/records/Pager.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { type CustomerKind, listCustomers } from "@/lib/customers/customers.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
interface Data {
  kind: CustomerKind;
  page: Awaited<ReturnType<typeof listCustomers>>;
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const kind: CustomerKind = ctx.url.searchParams.get("kind") === "contacts" ? "contacts" : "companies";
    return ctx.render({ kind, page: await listCustomers(ctx.state.auth, kind, ctx.url.searchParams.get("after")) });
  },
};

export default function Customers({ data, state, url }: PageProps<Data, State>) {
  const { slug, currency } = state.auth.org;
  const { kind, page } = data;
  const tab = (k: CustomerKind, label: string) => (
    <a
      href={orgPath(slug, "customers", { kind: k === "companies" ? null : k })}
      aria-current={k === kind ? "page" : undefined}
      class={`rounded-md px-3 py-1.5 text-sm font-medium ${
        k === kind ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
      }`}
    >
      {label}
    </a>
  );
  return (
    <>
      <PageHeader title="Customers" subtitle="Companies and people with at least one won deal." />
      <nav aria-label="Customer type" class="mb-4 inline-flex gap-1 rounded-lg bg-slate-100 p-1">
        {tab("companies", "Companies")}
        {tab("contacts", "People")}
      </nav>
      <DataTable
        caption={kind === "companies" ? "Customer companies" : "Customer contacts"}
        rows={page.rows}
        empty="No customers yet: win a deal and its company and contact show up here."
        columns={[
          {
            label: "Name",
            render: (c) => (
              <RowLink href={recordPath(slug, kind === "companies" ? "company" : "contact", c.id)}>{c.name}</RowLink>
            ),
          },
          { label: "Lifetime value", render: (c) => formatMoney(c.lifetime_minor, currency), align: "right" },
          { label: "Won deals", render: (c) => c.won_deals, align: "right" },
          { label: "Open deals", render: (c) => c.open_deals, align: "right" },
          { label: "Open value", render: (c) => formatMoney(c.open_minor, currency), align: "right" },
          { label: "Last won", render: (c) => formatDate(c.last_won_at), wide: true },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="customer" />
    </>
  );
}
