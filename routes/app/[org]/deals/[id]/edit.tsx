/** Edits a deal: title, value, close date, stage (of any pipeline), owner and its company and contact. */
import { DealForm } from "@/components/board/DealForm.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { getDeal, updateDeal } from "@/lib/deals/deals.ts";
import { dealForm, moneyInput } from "@/lib/deals/schemas.ts";
import type { FreshContext, PageProps } from "@/lib/fresh/types.ts";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type Member, orgMembers } from "@/lib/records/members.ts";
import { inOrg, parseId } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";
import { type Pipeline, pipelinesWithStages } from "@/lib/pipelines/pipelines.ts";

interface Data {
  title: string;
  values: FormValues;
  errors?: FieldErrors;
  members: Member[];
  pipelines: Pipeline[];
}

type Ctx = FreshContext<{ auth: AuthContext }, Data>;

async function render(ctx: Ctx, values: FormValues | null, errors?: FieldErrors) {
  const auth = ctx.state.auth;
  const data = await inOrg(auth, async (q) => {
    const deal = await getDeal(q, auth, parseId(ctx.params.id));
    return {
      title: deal.title,
      values: values ?? {
        title: deal.title,
        value: moneyInput(deal.value_minor, deal.currency),
        expected_close_date: deal.expected_close_date ?? "",
        stage_id: deal.stage_id,
        owner_id: deal.owner_id ?? "",
        company: deal.company_name ?? "",
        contact: deal.contact_email ?? "",
      },
      errors,
      members: await orgMembers(q),
      pipelines: await pipelinesWithStages(q),
    };
  });
  return await ctx.render(data, { status: errors ? 422 : 200 });
}

export const handler = {
  GET(_req: Request, ctx: Ctx) {
    return render(ctx, null);
  },
  async POST(req: Request, ctx: Ctx) {
    const auth = ctx.state.auth;
    const id = parseId(ctx.params.id);
    const result = await submit(
      req,
      dealForm(auth.org.currency),
      (input) => inOrg(auth, (q) => updateDeal(q, auth, id, input)),
    );
    if (!result.ok) return render(ctx, result.values, result.errors);
    return redirect(orgPath(auth.org.slug, "deals", id));
  },
};

export default function EditDeal({ data, params, state }: PageProps<Data, { auth: AuthContext }>) {
  const path = orgPath(state.auth.org.slug, "deals", params.id);
  return (
    <>
      <PageHeader title={`Edit ${data.title}`} />
      <DealForm
        action={`${path}/edit`}
        values={data.values}
        errors={data.errors}
        members={data.members}
        pipelines={data.pipelines}
        currency={state.auth.org.currency}
        submit="Save changes"
        cancel={path}
      />
    </>
  );
}
