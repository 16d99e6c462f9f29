import { CompanyFields, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { type NewRecordData, newRecordHandlers } from "@/lib/records/handlers.ts";
import { createCompany } from "@/lib/records/companies.ts";
import { CompanyInput } from "@/lib/records/inputs.ts";

export const handler = newRecordHandlers("company", CompanyInput, createCompany);

export default function NewCompany({ data, state }: PageProps<NewRecordData, { auth: AuthContext }>) {
  const base = orgPath(state.auth.org.slug, "companies");
  return (
    <>
      <PageHeader title="New company" />
      <RecordForm
        check="company"
        currency={state.auth.org.currency}
        action={`${base}/new`}
        errors={data.form.errors}
        submitLabel="Create company"
        cancel={base}
      >
        <CompanyFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
