import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { expiresAt, type ExportItem, exportOverview, KEEP_DAYS, startExport } from "@/lib/exports/exports.ts";
import { zipResponse } from "@/lib/exports/response.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";

type Data = Awaited<ReturnType<typeof exportOverview>>;
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render(await exportOverview(ctx.state.auth));
  },
  /** Export everything: the zip itself for a workspace up to the limit, else a job and back here. */
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    const started = await startExport(auth, ctx.remoteAddr);
    if (started.kind === "download") return zipResponse(started.body, started.fileName);
    return redirect(orgPath(auth.org.slug, "settings", "data", { notice: "queued" }));
  },
};

const STATUS: Record<ExportItem["status"], [string, string]> = {
  queued: ["waiting", "bg-slate-100 text-slate-700"],
  running: ["being built", "bg-amber-100 text-amber-800"],
  done: ["ready", "bg-green-100 text-green-800"],
  failed: ["failed", "bg-red-100 text-red-800"],
};

function ExportRow({ item, slug }: { item: ExportItem; slug: string }) {
  const [label, colours] = STATUS[item.status];
  return (
    <li class="flex flex-wrap items-center justify-between gap-3 py-3">
      <div class="min-w-0">
        <p class="font-medium">{formatTime(item.created_at)}</p>
        <p class="text-sm text-slate-600">
          {`${item.records.toLocaleString("en-US")} records · asked by ${item.requested_by ?? "a former member"}`}
          {item.size_bytes !== null ? ` · ${(item.size_bytes / 1_048_576).toFixed(1)} MB` : ""}
        </p>
        {item.error ? <p class="text-sm text-red-800">{item.error}</p> : null}
      </div>
      <div class="flex items-center gap-3">
        <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${colours}`}>{label}</span>
        {item.downloadable
          ? (
            <a
              class="text-sm font-medium text-brand-700 underline"
              href={orgPath(slug, "settings", "data", "exports", item.id)}
            >
              Download<span class="sr-only">{` the export of ${formatTime(item.created_at)}`}</span>
            </a>
          )
          : item.status === "done"
          ? <span class="text-sm text-slate-600">expired {formatTime(expiresAt(item.created_at))}</span>
          : null}
      </div>
    </li>
  );
}

export default function DataPage({ data, state, url }: PageProps<Data, State>) {
  const { auth } = state;
  const large = data.records > data.limit;
  const count = large ? `more than ${data.limit.toLocaleString("en-US")}` : data.records.toLocaleString("en-US");
  return (
    <div class="max-w-3xl">
      <PageHeader title="Data" intro={`Take everything in ${auth.org.name} with you.`} />
      {url.searchParams.get("notice") === "queued"
        ? (
          <Notice tone="success">
            Your export is being built. We will email you a download link when it is ready; it also appears below.
          </Notice>
        )
        : null}
      <Panel
        title="Export everything"
        description={`A zip with a CSV file for each of companies, contacts, leads, deals, activities, tasks, ` +
          `pipelines, stages and members (a cell a spreadsheet would run as a formula is written as text), and ` +
          `workspace.json with all of it and the ids linking it. Records in the trash are left out.`}
      >
        <p class="mb-4 text-sm text-slate-700">
          {`This workspace has ${count} ${data.records === 1 ? "record" : "records"}. `}
          {large
            ? `Workspaces over ${data.limit.toLocaleString("en-US")} records are exported in the background: ` +
              `you get an email with a link, which works for ${KEEP_DAYS} days for admins and owners.`
            : "The zip downloads straight away."}
        </p>
        <form method="post">
          <Button>Export everything</Button>
        </form>
      </Panel>
      <Panel title="Recent exports" description={`Exports built in the background, kept for ${KEEP_DAYS} days.`}>
        {data.exports.length
          ? (
            <ul class="divide-y divide-slate-200">
              {data.exports.map((item) => <ExportRow key={item.id} item={item} slug={auth.org.slug} />)}
            </ul>
          )
          : <p class="text-sm text-slate-600">None yet.</p>}
      </Panel>
    </div>
  );
}
