import { formatDate, fullName } from "@/components/records/format.ts";
import { RecordPage } from "@/components/records/RecordPage.tsx";
import { RelatedDeals } from "@/components/records/RelatedDeals.tsx";
import { Card, Details } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { companyPage } from "@/lib/records/companies.ts";
import { type RecordPageData, recordPageHandlers } from "@/lib/records/handlers.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
type Data = RecordPageData<Awaited<ReturnType<typeof companyPage>>>;

export const handler = recordPageHandlers("company", companyPage);

export default function CompanyPage({ data, state }: PageProps<Data, State>) {
  const { company, contacts, deals, extras } = data;
  const slug = state.auth.org.slug;
  const path = recordPath(slug, "company", company.id);
  return (
    <RecordPage
      auth={state.auth}
      type="company"
      path={path}
      title={company.name}
      subtitle={company.domain ?? "Company"}
      extras={extras}
      activity={data.activity}
    >
      <Card title="Details">
        <Details
          items={[
            ["Domain", company.domain],
            ["Industry", company.industry],
            ["Phone", company.phone],
            ["City", company.city],
            ["Owner", company.owner_name],
            ["Created", formatDate(company.created_at)],
          ]}
        />
      </Card>
      <Card
        title={`Contacts (${contacts.length})`}
        id="contacts"
        actions={
          <a
            href={orgPath(slug, "contacts", "new", { company: company.name })}
            class="text-sm text-brand-700 hover:underline"
          >
            Add contact
          </a>
        }
      >
        {contacts.length
          ? (
            <ul class="divide-y divide-slate-100 text-sm">
              {contacts.map((c) => (
                <li class="py-2">
                  <a href={recordPath(slug, "contact", c.id)} class="font-medium text-brand-700 hover:underline">
                    {fullName(c)}
                  </a>
                  <span class="text-slate-500">{[c.title, c.email].filter(Boolean).map((s) => ` · ${s}`)}</span>
                </li>
              ))}
            </ul>
          )
          : <p class="text-sm text-slate-500">No contacts yet.</p>}
      </Card>
      <RelatedDeals slug={slug} deals={deals} />
    </RecordPage>
  );
}
