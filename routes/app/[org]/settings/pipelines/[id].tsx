/** One pipeline's settings (admins): rename it, and add, edit, reorder or delete its stages. */
import { FormError } from "@/components/Form.tsx";
import { buttonClass, Card, Notice, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { HttpError } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath, withQuery } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { inOrg, parseId } from "@/lib/records/records.ts";
import { applyPipelineAction, DONE } from "@/lib/pipelines/actions.ts";
import { getPipeline, type Pipeline } from "@/lib/pipelines/pipelines.ts";
import { pipelineAction } from "@/lib/pipelines/schemas.ts";
import { dealsPerStage } from "@/lib/pipelines/stages.ts";

type State = { auth: AuthContext };
interface Data {
  pipeline: Pipeline;
  deals: Record<string, number>;
  /** The form that failed (its intent and stage), with what was typed and why it failed. */
  failed?: { values: FormValues; errors: FieldErrors };
}

const load = (auth: AuthContext, id: string) =>
  inOrg(auth, async (q) => ({
    pipeline: await getPipeline(q, id),
    deals: Object.fromEntries(await dealsPerStage(q, id)),
  }));

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render(await load(ctx.state.auth, parseId(ctx.params.id)));
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    const base = orgPath(auth.org.slug, "settings", "pipelines");
    const form = await parseForm(req, pipelineAction);
    let errors = form.ok ? null : form.errors;
    if (form.ok) {
      try {
        await inOrg(auth, (q) => applyPipelineAction(q, id, form.data));
        const to = form.data.intent === "delete_pipeline" ? base : `${base}/${id}`;
        return redirect(withQuery(to, { done: form.data.intent }));
      } catch (err) {
        if (!(err instanceof HttpError) || (err.status !== 409 && err.status !== 422)) throw err;
        errors = { _form: err.message };
      }
    }
    return ctx.render({ ...await load(auth, id), failed: { values: form.values, errors: errors! } }, { status: 422 });
  },
};

const input = "block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default function PipelineSettings({ data, state, url }: PageProps<Data, State>) {
  const { pipeline, deals, failed } = data;
  const action = orgPath(state.auth.org.slug, "settings", "pipelines", pipeline.id);
  const failedHere = (intent: string, stageId?: string) =>
    failed && failed.values.intent === intent && (!stageId || failed.values.stage_id === stageId) ? failed : undefined;
  const done = DONE[url.searchParams.get("done") as keyof typeof DONE];
  const rename = failedHere("rename");
  const add = failedHere("add_stage");
  // A refusal no form below can show (the pipeline's own, a reorder, an unknown action or stage) shows on top.
  const shownBelow = failed && (["rename", "add_stage"].includes(failed.values.intent ?? "") ||
    (["update_stage", "delete_stage"].includes(failed.values.intent ?? "") &&
      pipeline.stages.some((s) => s.id === failed.values.stage_id)));
  return (
    <>
      <PageHeader
        title={pipeline.name}
        subtitle="Stages in board order, each with its win probability."
        actions={
          <a href={orgPath(state.auth.org.slug, "settings", "pipelines")} class={buttonClass()}>All pipelines</a>
        }
      />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {failed && !shownBelow ? <FormError errors={{ _form: Object.values(failed.errors)[0] }} /> : null}
      <div class="space-y-6">
        <Card title="Stages">
          <ol class="divide-y divide-slate-100">
            {pipeline.stages.map((s, i) => {
              const edit = failedHere("update_stage", s.id);
              const del = failedHere("delete_stage", s.id);
              const others = pipeline.stages.filter((o) => o.id !== s.id);
              const count = deals[s.id] ?? 0;
              return (
                <li class="flex flex-wrap items-end gap-3 py-3" aria-label={s.name}>
                  <form method="post" action={action} class="flex grow flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="update_stage" />
                    <input type="hidden" name="stage_id" value={s.id} />
                    <div class="grow basis-40">
                      <label for={`name-${s.id}`} class="block text-xs font-medium text-slate-600">Name</label>
                      <input
                        id={`name-${s.id}`}
                        name="name"
                        required
                        maxLength={100}
                        value={edit?.values.name ?? s.name}
                        class={input}
                      />
                    </div>
                    <div class="w-28">
                      <label for={`prob-${s.id}`} class="block text-xs font-medium text-slate-600">Win %</label>
                      <input
                        id={`prob-${s.id}`}
                        name="probability"
                        type="number"
                        min={0}
                        max={100}
                        required
                        value={edit?.values.probability ?? String(s.probability)}
                        class={input}
                      />
                    </div>
                    <button type="submit" class={buttonClass()}>Save</button>
                    {edit ? <FormError errors={{ _form: Object.values(edit.errors)[0] }} /> : null}
                  </form>
                  <div class="flex gap-1">
                    {(["up", "down"] as const).map((direction) => (
                      <form method="post" action={action}>
                        <input type="hidden" name="intent" value="move_stage" />
                        <input type="hidden" name="stage_id" value={s.id} />
                        <input type="hidden" name="direction" value={direction} />
                        <button
                          type="submit"
                          class={buttonClass()}
                          disabled={direction === "up" ? i === 0 : i === pipeline.stages.length - 1}
                          aria-label={`Move ${s.name} ${direction}`}
                        >
                          {direction === "up" ? "↑" : "↓"}
                        </button>
                      </form>
                    ))}
                  </div>
                  {others.length
                    ? (
                      <details class="basis-full" open={!!del}>
                        <summary class="cursor-pointer text-sm text-red-700">
                          Delete {s.name} ({count} {count === 1 ? "deal" : "deals"})
                        </summary>
                        <form method="post" action={action} class="mt-2 flex flex-wrap items-end gap-2">
                          <input type="hidden" name="intent" value="delete_stage" />
                          <input type="hidden" name="stage_id" value={s.id} />
                          <div>
                            <label for={`target-${s.id}`} class="block text-xs font-medium text-slate-600">
                              Move its deals to
                            </label>
                            <select id={`target-${s.id}`} name="target_id" class={input}>
                              {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                            </select>
                          </div>
                          <button type="submit" class={buttonClass("danger")}>Delete stage</button>
                          {del ? <FormError errors={{ _form: Object.values(del.errors)[0] }} /> : null}
                        </form>
                      </details>
                    )
                    : null}
                </li>
              );
            })}
          </ol>
        </Card>
        <div class="grid gap-6 md:grid-cols-2">
          <Card title="Add a stage">
            <form method="post" action={action} class="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="add_stage" />
              <div class="grow basis-40">
                <label for="new-stage-name" class="block text-xs font-medium text-slate-600">Name</label>
                <input
                  id="new-stage-name"
                  name="name"
                  required
                  maxLength={100}
                  value={add?.values.name}
                  class={input}
                />
              </div>
              <div class="w-28">
                <label for="new-stage-prob" class="block text-xs font-medium text-slate-600">Win %</label>
                <input
                  id="new-stage-prob"
                  name="probability"
                  type="number"
                  min={0}
                  max={100}
                  required
                  value={add?.values.probability ?? "50"}
                  class={input}
                />
              </div>
              <button type="submit" class={buttonClass("primary")}>Add stage</button>
              {add
                ? (
                  <div class="basis-full">
                    <FormError errors={{ _form: Object.values(add.errors)[0] }} />
                  </div>
                )
                : null}
            </form>
          </Card>
          <Card title="Pipeline">
            <form method="post" action={action} class="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="rename" />
              <div class="grow">
                <label for="pipeline-name" class="block text-xs font-medium text-slate-600">Name</label>
                <input
                  id="pipeline-name"
                  name="name"
                  required
                  maxLength={100}
                  value={rename?.values.name ?? pipeline.name}
                  class={input}
                />
              </div>
              <button type="submit" class={buttonClass()}>Rename</button>
              {rename
                ? (
                  <div class="basis-full">
                    <FormError errors={{ _form: Object.values(rename.errors)[0] }} />
                  </div>
                )
                : null}
            </form>
            <form method="post" action={action} class="mt-4">
              <input type="hidden" name="intent" value="delete_pipeline" />
              <button type="submit" class={buttonClass("danger")}>Delete pipeline</button>
              <p class="mt-1 text-xs text-slate-500">Only a pipeline without deals can be deleted.</p>
            </form>
          </Card>
        </div>
      </div>
    </>
  );
}
