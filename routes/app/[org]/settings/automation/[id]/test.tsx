/** Test a rule against a chosen record: which conditions hold and what each action would do. Nothing is sent. */
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { type RuleTestPage, ruleTestPage } from "@/lib/automation/test_page.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { readForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { UUID } from "@/lib/records/fields.ts";

type State = { auth: AuthContext };

export const handler: Handlers<RuleTestPage, State> = {
  async GET(_req, ctx) {
    if (!UUID.test(ctx.params.id)) throw notFound();
    return ctx.render(await ruleTestPage(ctx.state.auth, ctx.params.id, null));
  },
  async POST(req, ctx) {
    if (!UUID.test(ctx.params.id)) throw notFound();
    const page = await ruleTestPage(ctx.state.auth, ctx.params.id, (await readForm(req)).record ?? "");
    return ctx.render(page, { status: page.errors ? 422 : 200 });
  },
};

export default function TestRule({ data, state, params }: PageProps<RuleTestPage, State>) {
  const base = orgPath(state.auth.org.slug, "settings", "automation", params.id);
  const { result } = data;
  return (
    <div class="max-w-3xl">
      <PageHeader
        title={`Test: ${data.name}`}
        intro={
          <>
            Shows what the rule would do for a {data.record}{" "}
            as it is now, as if its trigger had just happened. Nothing is sent or changed.{" "}
            <a class="underline" href={base}>Edit the rule</a>
          </>
        }
      />
      <Panel title={`Choose a ${data.record}`}>
        <form method="post" action={`${base}/test`} novalidate>
          <Select
            name="record"
            label={data.record === "deal" ? "Deal" : "Lead"}
            options={[["", `Choose a ${data.record}`], ...data.records]}
            values={data.values}
            errors={data.errors}
          />
          <Button>Test rule</Button>
        </form>
      </Panel>
      {result
        ? (
          <Panel title={`For “${result.record}”`}>
            <h3 class="font-medium">Conditions</h3>
            {result.conditions.length === 0
              ? <p class="text-sm text-slate-600">None: the rule always applies.</p>
              : (
                <ul class="mt-1 list-disc pl-5 text-sm">
                  {result.conditions.map((c) => <li key={c.label}>{c.label}: {c.held ? "holds" : "does not hold"}</li>)}
                </ul>
              )}
            <p class="mt-2 text-sm font-medium">
              {result.matched
                ? "The rule would run its actions:"
                : "The rule would not run: its conditions do not match."}
            </p>
            <ol class="mt-2 list-decimal pl-5 text-sm" aria-label="What each action would do">
              {result.actions.map((a) => (
                <li class={a.ok ? "" : "text-red-700"}>
                  <span class="font-medium">{a.label}</span>: {a.outcome}
                </li>
              ))}
            </ol>
          </Panel>
        )
        : null}
    </div>
  );
}
