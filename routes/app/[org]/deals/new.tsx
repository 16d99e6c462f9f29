/** Creates a deal (`?pipeline=` or `?stage=` preselects where it starts). */
import { DealForm } from "@/components/board/DealForm.tsx";
import { PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { createDeal } from "@/lib/deals/deals.ts";
import { dealForm } from "@/lib/deals/schemas.ts";
import type { FreshContext, PageProps } from "@/lib/fresh/types.ts";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type Member, orgMembers } from "@/lib/records/members.ts";
import { inOrg } from "@/lib/records/records.ts";
import { submit } from "@/lib/records/submit.ts";
import { type Pipeline, pipelinesWithStages } from "@/lib/pipelines/pipelines.ts";
import { entryStage } from "@/lib/records/default_pipeline.ts";

interface Data {
  values: FormValues;
  errors?: FieldErrors;
  members: Member[];
  pipelines: Pipeline[];
}

type Ctx = FreshContext<{ auth: AuthContext }, Data>;

async function render(ctx: Ctx, values: FormValues, errors?: FieldErrors) {
  const { members, pipelines } = await inOrg(ctx.state.auth, async (q) => {
    await entryStage(q); // an org's first deal may need its default pipeline
    return { members: await orgMembers(q), pipelines: await pipelinesWithStages(q) };
  });
  const wanted = values.stage_id ?? ctx.url.searchParams.get("stage");
  const pipeline = pipelines.find((p) => p.id === ctx.url.searchParams.get("pipeline")) ?? pipelines[0];
  const stages = pipelines.flatMap((p) => p.stages);
  const stage_id = stages.some((s) => s.id === wanted) ? wanted! : pipeline.stages[0]?.id ?? "";
  return await ctx.render({ values: { ...values, stage_id }, errors, members, pipelines }, {
    status: errors ? 422 : 200,
  });
}

export const handler = {
  GET(_req: Request, ctx: Ctx) {
    return render(ctx, { owner_id: ctx.state.auth.user.id });
  },
  async POST(req: Request, ctx: Ctx) {
    const auth = ctx.state.auth;
    const result = await submit(
      req,
      dealForm(auth.org.currency),
      (input) => inOrg(auth, (q) => createDeal(q, auth, input)),
    );
    if (!result.ok) return render(ctx, result.values, result.errors);
    return redirect(orgPath(auth.org.slug, "deals", result.result.id));
  },
};

export default function NewDeal({ data, state }: PageProps<Data, { auth: AuthContext }>) {
  const base = orgPath(state.auth.org.slug, "deals");
  return (
    <>
      <PageHeader title="New deal" />
      <DealForm
        action={`${base}/new`}
        values={data.values}
        errors={data.errors}
        members={data.members}
        pipelines={data.pipelines}
        currency={state.auth.org.currency}
        submit="Create deal"
        cancel={base}
      />
    </>
  );
}
