import { formatDateTime } from "@/components/records/format.ts";
import { recordLink, RecordPage } from "@/components/records/RecordPage.tsx";
import { Badge, Card, Details, LinkButton, PostButton } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { isOpenLead, leadPage } from "@/lib/records/leads.ts";
import { type RecordPageData, recordPageHandlers } from "@/lib/records/handlers.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
type Data = RecordPageData<Awaited<ReturnType<typeof leadPage>>>;

export const handler = recordPageHandlers("lead", leadPage);

export default function LeadPage({ data, state }: PageProps<Data, State>) {
  const { lead, extras } = data;
  const slug = state.auth.org.slug;
  const path = recordPath(slug, "lead", lead.id);
  const open = isOpenLead(lead.status);
  return (
    <RecordPage
      auth={state.auth}
      type="lead"
      path={path}
      title={
        <>
          {lead.name} <Badge value={lead.status} />
        </>
      }
      subtitle={[lead.company_name, lead.email].filter(Boolean).join(" · ") || "Lead"}
      actions={
        <>
          {open ? <LinkButton href={`${path}/convert`} variant="primary">Convert</LinkButton> : null}
          {lead.status === "new" || lead.status === "disqualified"
            ? <PostButton action={`${path}/qualify`}>Qualify</PostButton>
            : null}
          {open ? <LinkButton href={`${path}/disqualify`}>Disqualify</LinkButton> : null}
        </>
      }
      extras={extras}
      activity={data.activity}
    >
      {lead.status === "converted"
        ? (
          <Card title="Converted">
            <ul class="space-y-1 text-sm">
              <li>Contact: {recordLink(slug, "contact", lead.converted_contact_id, "open contact")}</li>
              {lead.converted_company_id
                ? <li>Company: {recordLink(slug, "company", lead.converted_company_id, "open company")}</li>
                : null}
              <li>Deal: {recordLink(slug, "deal", lead.converted_deal_id, "open deal")}</li>
            </ul>
          </Card>
        )
        : null}
      {lead.status === "disqualified"
        ? (
          <Card title="Disqualified">
            <p class="text-sm text-slate-700">{lead.disqualify_reason}</p>
          </Card>
        )
        : null}
      <Card title="Details">
        <Details
          items={[
            [
              "Email",
              lead.email ? <a key="email" href={`mailto:${lead.email}`} class="text-brand-700">{lead.email}</a> : null,
            ],
            ["Phone", lead.phone],
            ["Company", lead.company_name],
            ["Source", lead.source.replace("_", " ")],
            ["Owner", lead.owner_name ?? "Unassigned"],
            ["Received", formatDateTime(lead.created_at, state.auth.org.time_zone)],
          ]}
        />
        {lead.message
          ? (
            <div class="mt-4">
              <h3 class="text-xs font-medium uppercase tracking-wide text-slate-500">Message</h3>
              <p class="mt-1 whitespace-pre-wrap text-sm text-slate-800">{lead.message}</p>
            </div>
          )
          : null}
      </Card>
    </RecordPage>
  );
}
