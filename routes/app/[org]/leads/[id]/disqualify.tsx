import { FormError } from "@/components/Form.tsx";
import { TextArea } from "@/components/records/TextArea.tsx";
import { buttonClass, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { DisqualifyInput } from "@/lib/records/inputs.ts";
import { disqualifyLead, getLead, isOpenLead } from "@/lib/records/leads.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  name: string;
  values: FormValues;
  errors?: FieldErrors;
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const lead = await getLead(auth, parseId(ctx.params.id));
    if (!isOpenLead(lead.status)) return redirect(recordPath(auth.org.slug, "lead", lead.id));
    return ctx.render({ name: lead.name, values: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const res = await submit(req, DisqualifyInput, (input) => disqualifyLead(auth, id, input.reason));
    if (res.ok) return redirect(recordPath(auth.org.slug, "lead", id));
    const lead = await getLead(auth, id);
    return ctx.render({ name: lead.name, ...res }, { status: 422 });
  },
};

export default function DisqualifyLead({ data, state, params }: PageProps<Data, State>) {
  const path = recordPath(state.auth.org.slug, "lead", params.id);
  return (
    <>
      <PageHeader title={`Disqualify ${data.name}`} subtitle="The reason is kept on the lead's timeline." />
      <form
        method="post"
        action={`${path}/disqualify`}
        class="max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <FormError errors={data.errors} />
        <TextArea name="reason" label="Reason" values={data.values} errors={data.errors} />
        <div class="flex items-center gap-3">
          <button type="submit" class={buttonClass("danger")}>Disqualify lead</button>
          <a href={path} class="text-sm text-slate-600 hover:underline">Cancel</a>
        </div>
      </form>
    </>
  );
}
