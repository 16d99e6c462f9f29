import { type FormState, LeadFields, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { formValues } from "@/lib/records/fields.ts";
import { LeadInput } from "@/lib/records/inputs.ts";
import { getLead, updateLead } from "@/lib/records/leads.ts";
import { type Member, membersOf } from "@/lib/records/members.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  name: string;
  form: FormState;
  members: Member[];
}

const FIELDS = ["name", "email", "phone", "company_name", "message", "owner_id"] as const;

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const lead = await getLead(auth, parseId(ctx.params.id));
    return ctx.render({
      name: lead.name,
      form: { values: formValues(lead, [...FIELDS]) },
      members: await membersOf(auth),
    });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const res = await submit(req, LeadInput, (input) => updateLead(auth, id, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "lead", id));
    const lead = await getLead(auth, id);
    return ctx.render({ name: lead.name, form: res, members: await membersOf(auth) }, { status: 422 });
  },
};

export default function EditLead({ data, state, params }: PageProps<Data, State>) {
  const path = recordPath(state.auth.org.slug, "lead", params.id);
  return (
    <>
      <PageHeader title={`Edit ${data.name}`} />
      <RecordForm
        check="lead"
        currency={state.auth.org.currency}
        action={`${path}/edit`}
        errors={data.form.errors}
        submitLabel="Save changes"
        cancel={path}
      >
        <LeadFields {...data.form} members={data.members} />
      </RecordForm>
    </>
  );
}
