import { CompanyFields, type FormState, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { CompanyInput, createCompany } from "@/lib/records/companies.ts";
import { type Member, membersOf } from "@/lib/records/members.ts";
import { recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  form: FormState;
  members: Member[];
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    return ctx.render({ form: { values: { owner_id: auth.user.id } }, members: await membersOf(auth) });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const res = await submit(req, CompanyInput, (input) => createCompany(auth, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "company", res.result));
    return ctx.render({ form: res, members: await membersOf(auth) }, { status: 422 });
  },
};

export default function NewCompany({ data, state }: PageProps<Data, State>) {
  const base = `/app/${state.auth.org.slug}/companies`;
  return (
    <>
      <PageHeader title="New company" />
      <RecordForm action={`${base}/new`} errors={data.form.errors} submitLabel="Create company" cancel={base}>
        <CompanyFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
