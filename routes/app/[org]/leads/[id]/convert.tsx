import { Field, FormError } from "@/components/Form.tsx";
import { buttonClass, Card, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type ConversionPreview, convertInput, convertLead, previewConversion } from "@/lib/records/convert.ts";
import { isOpenLead } from "@/lib/records/leads.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";

type State = { auth: AuthContext };
interface Data {
  preview: ConversionPreview;
  values: FormValues;
  errors?: FieldErrors;
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const preview = await previewConversion(auth, parseId(ctx.params.id));
    if (!isOpenLead(preview.lead.status)) return redirect(recordPath(auth.org.slug, "lead", preview.lead.id));
    const title = preview.company?.name ?? preview.lead.name;
    return ctx.render({ preview, values: { deal_title: `${title} deal`, value: "" } });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const res = await submit(req, convertInput(auth.org.currency), (input) => convertLead(auth, id, input));
    if (res.ok) return redirect(recordPath(auth.org.slug, "lead", id));
    return ctx.render({ preview: await previewConversion(auth, id), ...res }, { status: 422 });
  },
};

function Outcome({ label, target }: { label: string; target: { existing: boolean; name: string } | null }) {
  return (
    <li class="flex items-baseline justify-between gap-3 py-2">
      <span class="text-slate-500">{label}</span>
      <span class="text-right">
        {target
          ? (
            <>
              <span class="font-medium text-slate-900">{target.name}</span>{" "}
              <span class="text-xs text-slate-500">{target.existing ? "(existing, reused)" : "(new)"}</span>
            </>
          )
          : <span class="text-slate-500">none (no company name or company email)</span>}
      </span>
    </li>
  );
}

export default function ConvertLead({ data, state, params }: PageProps<Data, State>) {
  const path = recordPath(state.auth.org.slug, "lead", params.id);
  const { preview } = data;
  return (
    <>
      <PageHeader title={`Convert ${preview.lead.name}`} subtitle="One step: a contact, a company and a deal." />
      <div class="grid max-w-4xl gap-6 md:grid-cols-2">
        <Card title="What happens">
          <ul class="divide-y divide-slate-100 text-sm">
            <Outcome label="Contact" target={preview.contact} />
            <Outcome label="Company" target={preview.company} />
            <li class="py-2 text-slate-500">The deal starts in the first stage of your first pipeline.</li>
          </ul>
        </Card>
        <form
          method="post"
          action={`${path}/convert`}
          class="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        >
          <FormError errors={data.errors} />
          <Field
            name="deal_title"
            label="Deal title"
            values={data.values}
            errors={data.errors}
            required
            maxLength={200}
          />
          <Field
            name="value"
            label={`Deal value (${state.auth.org.currency})`}
            values={data.values}
            errors={data.errors}
            placeholder="0"
            inputMode="decimal"
            hint="Leave empty if not known yet."
          />
          <div class="flex items-center gap-3">
            <button type="submit" class={buttonClass("primary")}>Convert lead</button>
            <a href={path} class="text-sm text-slate-600 hover:underline">Cancel</a>
          </div>
        </form>
      </div>
    </>
  );
}
