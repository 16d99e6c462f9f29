import { LeadFields, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { type NewRecordData, newRecordHandlers } from "@/lib/records/handlers.ts";
import { LeadInput } from "@/lib/records/inputs.ts";
import { createLead } from "@/lib/records/leads.ts";

export const handler = newRecordHandlers("lead", LeadInput, createLead);

export default function NewLead({ data, state }: PageProps<NewRecordData, { auth: AuthContext }>) {
  const base = orgPath(state.auth.org.slug, "leads");
  return (
    <>
      <PageHeader title="New lead" />
      <RecordForm
        check="lead"
        currency={state.auth.org.currency}
        action={`${base}/new`}
        errors={data.form.errors}
        submitLabel="Create lead"
        cancel={base}
      >
        <LeadFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
