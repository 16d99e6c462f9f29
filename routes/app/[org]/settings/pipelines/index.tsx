/** Pipelines of the org (admins): each links to its stages; a new one starts with the default stages. */
import { Field, FormError } from "@/components/Form.tsx";
import { buttonClass, Card, Notice, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { inOrg } from "@/lib/records/records.ts";
import { choosePipeline, createPipeline, type Pipeline } from "@/lib/pipelines/pipelines.ts";
import { DONE } from "@/lib/pipelines/actions.ts";
import { pipelineName } from "@/lib/pipelines/schemas.ts";

type State = { auth: AuthContext };
interface Data {
  pipelines: Pipeline[];
  values?: FormValues;
  errors?: FieldErrors;
}

const load = (auth: AuthContext) => inOrg(auth, async (q) => (await choosePipeline(q)).pipelines); // made with the default pipeline if none

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ pipelines: await load(ctx.state.auth) });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await parseForm(req, pipelineName);
    if (!form.ok) {
      return ctx.render({ pipelines: await load(auth), values: form.values, errors: form.errors }, { status: 422 });
    }
    const pipeline = await inOrg(auth, (q) => createPipeline(q, form.data.name));
    return redirect(orgPath(auth.org.slug, "settings", "pipelines", pipeline.id));
  },
};

export default function Pipelines({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "settings", "pipelines");
  const done = url.searchParams.get("done") === "delete_pipeline" ? DONE.delete_pipeline : null;
  return (
    <>
      <PageHeader
        title="Pipelines"
        subtitle={state.auth.org.rotting_days
          ? `Deals idle in a stage for more than ${state.auth.org.rotting_days} days are flagged as rotting.`
          : "Idle deals are not flagged (the threshold is 0 in the organisation settings)."}
      />
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div class="grid gap-6 lg:grid-cols-3">
        <ul class="space-y-3 lg:col-span-2">
          {data.pipelines.map((p) => (
            <li class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div class="flex items-center justify-between gap-3">
                <h2 class="font-semibold">
                  <a href={`${base}/${p.id}`} class="text-brand-700 hover:underline">{p.name}</a>
                </h2>
                <a href={`${base}/${p.id}`} class={buttonClass()}>Edit stages</a>
              </div>
              <ol class="mt-3 flex flex-wrap gap-2 text-xs text-slate-600" aria-label={`Stages of ${p.name}`}>
                {p.stages.map((s) => (
                  <li key={s.id} class="rounded-full bg-slate-100 px-2 py-0.5">{s.name} · {s.probability}%</li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
        <Card title="New pipeline">
          <form method="post" action={base}>
            <FormError errors={data.errors} />
            <Field name="name" label="Name" values={data.values} errors={data.errors} required maxLength={100} />
            <p class="mb-4 text-xs text-slate-500">It starts with the default stages; rename or replace them next.</p>
            <button type="submit" class={buttonClass("primary")}>Create pipeline</button>
          </form>
        </Card>
      </div>
    </>
  );
}
