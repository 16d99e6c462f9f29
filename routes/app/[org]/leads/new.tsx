import { type FormState, LeadFields, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { createLead, LeadInput } from "@/lib/records/leads.ts";
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
    const res = await submit(req, LeadInput, (input) => createLead(auth, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "lead", res.result));
    return ctx.render({ form: res, members: await membersOf(auth) }, { status: 422 });
  },
};

export default function NewLead({ data, state }: PageProps<Data, State>) {
  const base = `/app/${state.auth.org.slug}/leads`;
  return (
    <>
      <PageHeader title="New lead" />
      <RecordForm action={`${base}/new`} errors={data.form.errors} submitLabel="Create lead" cancel={base}>
        <LeadFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
