import { counted, formatDate, formatDateTime } from "@/components/records/format.ts";
import { Badge, Card, PageHeader, PostButton } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { myDay } from "@/lib/home/my_day.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { recordPath } from "@/lib/records/records.ts";
import { reportsPath } from "@/lib/reports/links.ts";
import { MySummaryCard } from "@/components/reports/MySummaryCard.tsx";

type State = { auth: AuthContext };
type Data = Awaited<ReturnType<typeof myDay>>;

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render(await myDay(ctx.state.auth));
  },
};

const daysSince = (d: Date) => Math.floor((Date.now() - d.getTime()) / 86_400_000);

export default function Home({ data, state }: PageProps<Data, State>) {
  const { auth } = state;
  const slug = auth.org.slug;
  const { summary, tasks, rotting, leads } = data;
  return (
    <>
      <PageHeader
        title={`Good day, ${auth.user.name}`}
        subtitle={`${counted(tasks.length, "task")} due, ${counted(rotting.length, "deal")} going stale, ${
          counted(leads.length, "new lead")
        } for you.`}
      />
      <MySummaryCard
        summary={summary}
        currency={auth.org.currency}
        reports={`${reportsPath(slug)}?owner=${auth.user.id}`}
      />
      <div class="grid gap-6 xl:grid-cols-3">
        <Card title="Tasks due today and overdue" id="my-tasks">
          {tasks.length
            ? (
              <ul class="divide-y divide-slate-100 text-sm">
                {tasks.map((t) => (
                  <li key={t.id} class="flex items-start justify-between gap-3 py-2">
                    <div class="min-w-0">
                      <p class="font-medium text-slate-900">{t.subject}</p>
                      <p class="text-xs text-slate-500">
                        <a href={recordPath(slug, t.record_type, t.record_id)} class="text-brand-700 hover:underline">
                          {t.record_title}
                        </a>{" "}
                        · {formatDateTime(t.due_at, auth.org.time_zone)} {t.overdue ? <Badge value="overdue" /> : null}
                      </p>
                    </div>
                    <PostButton
                      action={orgPath(slug, "tasks", t.id, "done")}
                      fields={{ done: "1", back: orgPath(slug) }}
                    >
                      Done
                    </PostButton>
                  </li>
                ))}
              </ul>
            )
            : (
              <p class="text-sm text-slate-500">
                Nothing due. <a href={orgPath(slug, "tasks")} class="text-brand-700 underline">All tasks</a>
              </p>
            )}
        </Card>
        <Card title="Rotting deals" id="rotting-deals">
          {rotting.length
            ? (
              <ul class="divide-y divide-slate-100 text-sm">
                {rotting.map((d) => (
                  <li key={d.id} class="flex items-start justify-between gap-3 py-2">
                    <div class="min-w-0">
                      <a href={recordPath(slug, "deal", d.id)} class="font-medium text-brand-700 hover:underline">
                        {d.title}
                      </a>
                      <p class="text-xs text-slate-500">
                        {d.stage} for {counted(daysSince(d.stage_entered_at), "day")}
                      </p>
                    </div>
                    <span class="tabular-nums text-slate-700">{formatMoney(d.value_minor, d.currency)}</span>
                  </li>
                ))}
              </ul>
            )
            : (
              <p class="text-sm text-slate-500">
                {auth.org.rotting_days
                  ? `No deal of yours has sat in a stage longer than ${auth.org.rotting_days} days.`
                  : "Rotting deals are not flagged in this workspace."}
              </p>
            )}
        </Card>
        <Card title="New leads assigned to me" id="my-leads">
          {leads.length
            ? (
              <ul class="divide-y divide-slate-100 text-sm">
                {leads.map((l) => (
                  <li key={l.id} class="py-2">
                    <a href={recordPath(slug, "lead", l.id)} class="font-medium text-brand-700 hover:underline">
                      {l.name}
                    </a>
                    <p class="text-xs text-slate-500">
                      {[l.company_name, l.email].filter(Boolean).join(" · ")} · {formatDate(l.created_at)}
                    </p>
                  </li>
                ))}
              </ul>
            )
            : (
              <p class="text-sm text-slate-500">
                No new leads. <a href={orgPath(slug, "leads")} class="text-brand-700 underline">Inbox</a>
              </p>
            )}
        </Card>
      </div>
    </>
  );
}
