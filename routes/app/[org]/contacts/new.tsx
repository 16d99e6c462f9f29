import { ContactFields, type FormState, RecordForm } from "@/components/records/RecordForms.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { companyNames, createContact } from "@/lib/records/contacts.ts";
import { ContactInput } from "@/lib/records/inputs.ts";
import { type Member, membersOf } from "@/lib/records/members.ts";
import { recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  form: FormState;
  members: Member[];
  companies: string[];
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const company = ctx.url.searchParams.get("company")?.slice(0, 200) ?? "";
    return ctx.render({
      form: { values: { owner_id: auth.user.id, company_name: company } },
      members: await membersOf(auth),
      companies: await companyNames(auth),
    });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const res = await submit(req, ContactInput, (input) => createContact(auth, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "contact", res.result));
    return ctx.render(
      { form: res, members: await membersOf(auth), companies: await companyNames(auth) },
      { status: 422 },
    );
  },
};

export default function NewContact({ data, state }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "contacts");
  return (
    <>
      <PageHeader title="New contact" />
      <RecordForm
        check="contact"
        currency={state.auth.org.currency}
        action={`${base}/new`}
        errors={data.form.errors}
        submitLabel="Create contact"
        cancel={base}
      >
        <ContactFields {...data.form} members={data.members} companies={data.companies} />
      </RecordForm>
    </>
  );
}
