/** The run log: each run's event, its conditions, each action's result and duration; retry of a failed action. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, OlderPage, PageHeader } from "@/components/AuthPanels.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { listRuns, type RunEntry } from "@/lib/automation/runs.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { UUID } from "@/lib/records/fields.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

type Data = { items: RunEntry[]; next: string | null; rule: string | null };
type State = { auth: AuthContext };

const uuidParam = (url: URL, name: string) => {
  const v = url.searchParams.get(name);
  return v && UUID.test(v) ? v : null;
};

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const rule = uuidParam(ctx.url, "rule");
    const page = await withOrg(tenantOf(ctx.state.auth), (q) => listRuns(q, uuidParam(ctx.url, "before"), rule));
    return ctx.render({ ...page, rule });
  },
};

const STATUS: Record<RunEntry["status"], [string, string]> = {
  running: ["running", "bg-brand-100 text-brand-700"],
  succeeded: ["done", "bg-green-100 text-green-800"],
  failed: ["an action failed", "bg-red-100 text-red-800"],
  not_matched: ["conditions not met", "bg-slate-100 text-slate-700"],
  cut: ["chain cut", "bg-amber-100 text-amber-800"],
};

function recordLink(slug: string, run: RunEntry) {
  return orgPath(slug, run.record_type === "deal" ? "deals" : "leads", run.record_id);
}

export default function Runs({ data, state, url }: PageProps<Data, State>) {
  const slug = state.auth.org.slug;
  return (
    <div class="max-w-4xl">
      <PageHeader
        title="Automation run log"
        intro={
          <>
            Every time a rule's trigger happened: whether its conditions held and what each action did. A failed action
            can be retried on its own.{" "}
            <a class="underline" href={orgPath(slug, "settings", "automation")}>
              Rules
            </a>
            {data.rule
              ? (
                <>
                  {" · "}
                  <a class="underline" href={orgPath(slug, "settings", "automation", "runs")}>All runs</a>
                </>
              )
              : null}
          </>
        }
      />
      {url.searchParams.get("notice") === "retried"
        ? <Notice tone="success">The action is queued to run again.</Notice>
        : null}
      {data.items.length === 0 ? <p class="text-slate-600">No runs yet.</p> : (
        <ul class="space-y-3" aria-label="Runs">
          {data.items.map((run) => (
            <li class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="font-medium">{run.rule_name}</h2>
                <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[run.status][1]}`}>
                  {STATUS[run.status][0]}
                </span>
              </div>
              <p class="mt-1 text-sm">
                <a class="underline" href={recordLink(slug, run)}>{run.event_label}</a>
              </p>
              <p class="text-xs text-slate-600">
                {formatTime(run.created_at)}
                {run.depth > 1 ? ` · started by another rule (depth ${run.depth})` : ""}
              </p>
              {run.note ? <p class="mt-2 text-sm text-amber-800">{run.note}</p> : null}
              {run.conditions.length
                ? (
                  <ul class="mt-2 text-sm" aria-label="Conditions">
                    {run.conditions.map((c) => <li key={c.label}>{c.held ? "✓" : "✗"} {c.label}</li>)}
                  </ul>
                )
                : null}
              {run.actions.length
                ? (
                  <ol class="mt-2 space-y-2 text-sm" aria-label="Actions">
                    {run.actions.map((a) => (
                      <li class="rounded-md bg-slate-50 p-2">
                        <p>
                          <span class="font-medium">{a.position + 1}. {a.label}</span> — {a.status}
                          {a.duration_ms !== null ? ` in ${a.duration_ms} ms` : ""}
                          {a.attempts > 1 ? ` (${a.attempts} attempts)` : ""}
                        </p>
                        {a.summary ? <p class="text-slate-700">{a.summary}</p> : null}
                        {a.status === "failed"
                          ? (
                            <>
                              <p class="break-words text-red-800">{a.error}</p>
                              <form
                                method="post"
                                action={orgPath(slug, "settings", "automation", "runs", run.id, "retry")}
                                class="mt-1"
                              >
                                <input type="hidden" name="position" value={String(a.position)} />
                                <Button kind="secondary">
                                  Retry<span class="sr-only">{` ${a.label} of ${run.rule_name}`}</span>
                                </Button>
                              </form>
                            </>
                          )
                          : null}
                      </li>
                    ))}
                  </ol>
                )
                : null}
            </li>
          ))}
        </ul>
      )}
      <OlderPage next={data.next} action={url.pathname} label="Older runs" />
    </div>
  );
}
