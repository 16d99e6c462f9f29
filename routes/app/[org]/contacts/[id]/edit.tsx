import { ContactFields, type FormState, RecordForm } from "@/components/records/RecordForms.tsx";
import { fullName } from "@/components/records/format.ts";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { companyNames, getContact, updateContact } from "@/lib/records/contacts.ts";
import { ContactInput } from "@/lib/records/inputs.ts";
import { formValues } from "@/lib/records/fields.ts";
import { type Member, membersOf } from "@/lib/records/members.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  name: string;
  form: FormState;
  members: Member[];
  companies: string[];
}

const FIELDS = ["first_name", "last_name", "email", "phone", "title", "company_name", "owner_id"] as const;

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const contact = await getContact(auth, parseId(ctx.params.id));
    return ctx.render({
      name: fullName(contact),
      form: { values: formValues(contact, [...FIELDS]) },
      members: await membersOf(auth),
      companies: await companyNames(auth),
    });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const res = await submit(req, ContactInput, (input) => updateContact(auth, id, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "contact", id));
    const contact = await getContact(auth, id);
    return ctx.render({
      name: fullName(contact),
      form: res,
      members: await membersOf(auth),
      companies: await companyNames(auth),
    }, { status: 422 });
  },
};

export default function EditContact({ data, state, params }: PageProps<Data, State>) {
  const path = recordPath(state.auth.org.slug, "contact", params.id);
  return (
    <>
      <PageHeader title={`Edit ${data.name}`} />
      <RecordForm
        check="contact"
        currency={state.auth.org.currency}
        action={`${path}/edit`}
        errors={data.form.errors}
        submitLabel="Save changes"
        cancel={path}
      >
        <ContactFields {...data.form} members={data.members} companies={data.companies} />
      </RecordForm>
    </>
  );
}
