/** The org's automation rules: what each does, on or off, and links to edit, test and read its runs. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader } from "@/components/AuthPanels.tsx";
import { UpgradeNotice } from "@/components/automation/UpgradeNotice.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { rulesOverview } from "@/lib/automation/rules.ts";
import { billingPath } from "@/lib/billing/limits.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

type Data = Awaited<ReturnType<typeof rulesOverview>>;
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render(await withOrg(tenantOf(ctx.state.auth), rulesOverview));
  },
};

const NOTICES: Record<string, string> = {
  saved: "The rule is saved.",
  activated: "The rule is active.",
  paused: "The rule is paused.",
  deleted: "The rule is deleted.",
};

export default function Automation({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "settings", "automation");
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  const limited = url.searchParams.get("limit") === "1";
  const limit = data.limit === Infinity ? "unlimited" : String(data.limit);
  return (
    <div class="max-w-4xl">
      <PageHeader
        title="Automation"
        intro={`Rules that send emails, create tasks, assign owners and move deals when deals and leads change. ` +
          `They run in the background a moment after the change. ${data.active} of ${limit} active rules on ` +
          `the ${data.plan} plan.`}
      />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {limited
        ? (
          <p role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">
            Your plan allows {limit} active rules: pause another rule first, or upgrade.
          </p>
        )
        : null}
      <UpgradeNotice path={limited ? billingPath(state.auth.org.slug) : undefined} />
      <div class="mb-6 flex flex-wrap gap-3">
        <a href={`${base}/new`} class="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">New rule</a>
        <a href={`${base}/runs`} class="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium">Run log</a>
      </div>
      {data.rules.length === 0 ? <p class="text-slate-600">No rules yet.</p> : (
        <ul class="space-y-3" aria-label="Rules">
          {data.rules.map((rule) => (
            <li class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="font-medium">
                  <a class="underline" href={`${base}/${rule.id}`}>{rule.name}</a>
                </h2>
                <span
                  class={`rounded-full px-2 py-0.5 text-xs font-medium ${
                    rule.active ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"
                  }`}
                >
                  {rule.active ? "active" : "paused"}
                </span>
              </div>
              <p class="mt-1 text-sm text-slate-600">
                {rule.trigger} · {rule.actions} action{rule.actions === 1 ? "" : "s"} · changed{" "}
                {formatTime(rule.updated_at)}
              </p>
              <div class="mt-3 flex flex-wrap gap-3">
                <a class="text-sm underline" href={`${base}/${rule.id}/test`}>
                  Test<span class="sr-only">{` ${rule.name}`}</span>
                </a>
                <a
                  class="text-sm underline"
                  href={orgPath(state.auth.org.slug, "settings", "automation", "runs", { rule: rule.id })}
                >
                  Runs<span class="sr-only">{` of ${rule.name}`}</span>
                </a>
                <form method="post" action={`${base}/${rule.id}/active`}>
                  <input type="hidden" name="active" value={rule.active ? "off" : "on"} />
                  <Button kind="secondary">
                    {rule.active ? "Pause" : "Activate"}
                    <span class="sr-only">{` ${rule.name}`}</span>
                  </Button>
                </form>
                <form method="post" action={`${base}/${rule.id}/delete`}>
                  <Button kind="danger">
                    Delete<span class="sr-only">{` ${rule.name}`}</span>
                  </Button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
