import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, OlderPage, PageHeader } from "@/components/AuthPanels.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { type TroubledJob, troubledJobs } from "@/lib/jobs/admin.ts";
import { keysetPage } from "@/lib/tenancy/keyset_page.ts";

type Data = { items: TroubledJob[]; next: string | null };
type State = { auth: AuthContext };

export const handler = keysetPage("jobs.manage", troubledJobs);

function Status({ job }: { job: TroubledJob }) {
  return job.status === "dead"
    ? <span class="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">gave up</span>
    : <span class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">retrying</span>;
}

export default function Jobs({ data, state, url }: PageProps<Data, State>) {
  return (
    <div class="max-w-4xl">
      <PageHeader
        title="Background jobs"
        intro={`Work ${state.auth.org.name} does after a request, such as sending invitations, that failed. ` +
          "A failing job is retried on its own, waiting longer each time; after its last attempt it gives up. " +
          "Retry runs it again now (a job that gave up gets one more attempt)."}
      />
      {url.searchParams.get("notice") === "retried"
        ? <Notice tone="success">The job is queued to run again.</Notice>
        : null}
      {data.items.length === 0 ? <p class="text-slate-600">No failed jobs: everything ran.</p> : (
        <ul class="space-y-3">
          {data.items.map((job) => (
            <li class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="font-medium">{job.label}</h2>
                <Status job={job} />
              </div>
              <dl class="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                <div>
                  <dt class="text-slate-600">Attempts</dt>
                  <dd>{job.attempts} of {job.max_attempts}</dd>
                </div>
                <div>
                  <dt class="text-slate-600">Queued</dt>
                  <dd>{formatTime(job.created_at)}</dd>
                </div>
                <div>
                  <dt class="text-slate-600">Next attempt</dt>
                  <dd>{job.status === "dead" ? "none" : formatTime(job.run_at)}</dd>
                </div>
              </dl>
              <p class="mt-2 text-sm text-slate-600">Last error</p>
              <p class="break-words font-mono text-xs text-red-800">{job.last_error ?? "—"}</p>
              <form
                method="post"
                action={orgPath(state.auth.org.slug, "settings", "jobs", job.id, "retry")}
                class="mt-3"
              >
                <Button kind="secondary">
                  Retry<span class="sr-only">{` ${job.label} queued ${formatTime(job.created_at)}`}</span>
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <OlderPage next={data.next} action={url.pathname} label="Older jobs" />
    </div>
  );
}
