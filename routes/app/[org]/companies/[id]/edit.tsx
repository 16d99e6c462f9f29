import { CompanyFields, type FormState, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { getCompany, updateCompany } from "@/lib/records/companies.ts";
import { CompanyInput } from "@/lib/records/inputs.ts";
import { formValues } from "@/lib/records/fields.ts";
import { type Member, membersOf } from "@/lib/records/members.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  name: string;
  form: FormState;
  members: Member[];
}

const FIELDS = ["name", "domain", "industry", "phone", "city", "owner_id"] as const;

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const company = await getCompany(auth, parseId(ctx.params.id));
    return ctx.render({
      name: company.name,
      form: { values: formValues(company, [...FIELDS]) },
      members: await membersOf(auth),
    });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const res = await submit(req, CompanyInput, (input) => updateCompany(auth, id, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "company", id));
    const company = await getCompany(auth, id);
    return ctx.render({ name: company.name, form: res, members: await membersOf(auth) }, { status: 422 });
  },
};

export default function EditCompany({ data, state, params }: PageProps<Data, State>) {
  const path = recordPath(state.auth.org.slug, "company", params.id);
  return (
    <>
      <PageHeader title={`Edit ${data.name}`} />
      <RecordForm
        check="company"
        currency={state.auth.org.currency}
        action={`${path}/edit`}
        errors={data.form.errors}
        submitLabel="Save changes"
        cancel={path}
      >
        <CompanyFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
