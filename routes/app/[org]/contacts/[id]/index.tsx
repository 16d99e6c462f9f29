import { formatDate, fullName } from "@/components/records/format.ts";
import { recordLink, RecordPage } from "@/components/records/RecordPage.tsx";
import { RelatedDeals } from "@/components/records/RelatedDeals.tsx";
import { Card, Details } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { contactPage } from "@/lib/records/contacts.ts";
import { type RecordPageData, recordPageHandlers } from "@/lib/records/handlers.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
type Data = RecordPageData<Awaited<ReturnType<typeof contactPage>>>;

export const handler = recordPageHandlers("contact", contactPage);

export default function ContactPage({ data, state }: PageProps<Data, State>) {
  const { contact, deals, extras } = data;
  const slug = state.auth.org.slug;
  const path = recordPath(slug, "contact", contact.id);
  return (
    <RecordPage
      auth={state.auth}
      type="contact"
      path={path}
      title={fullName(contact)}
      subtitle={[contact.title, contact.company_name].filter(Boolean).join(" at ") || "Contact"}
      extras={extras}
      activity={data.activity}
    >
      <Card title="Details">
        <Details
          items={[
            [
              "Email",
              contact.email
                ? <a key="email" href={`mailto:${contact.email}`} class="text-brand-700">{contact.email}</a>
                : null,
            ],
            ["Phone", contact.phone],
            ["Job title", contact.title],
            [
              "Company",
              recordLink(slug, "company", contact.company_id, contact.company_name),
            ],
            ["Owner", contact.owner_name],
            ["Created", formatDate(contact.created_at)],
          ]}
        />
      </Card>
      <RelatedDeals slug={slug} deals={deals} />
    </RecordPage>
  );
}
