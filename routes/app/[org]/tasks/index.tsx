import { DataTable, RowLink } from "@/components/records/DataTable.tsx";
import { formatDateTime } from "@/components/records/format.ts";
import { ListFilters, ownerChoice, sortChoice } from "@/components/records/ListFilters.tsx";
import { Pager } from "@/components/records/Pager.tsx";
import { Badge, PageHeader, PostButton } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { type Member, withMembers } from "@/lib/records/members.ts";
import { recordPath, RECORDS } from "@/lib/records/records.ts";
import { listTasks, TASK_SORTS, type TaskParams, taskParams } from "@/lib/records/tasks.ts";

type State = { auth: AuthContext };
interface Data {
  page: Awaited<ReturnType<typeof listTasks>>;
  params: TaskParams;
  members: Member[];
}

const STATES: [string, string][] = [["open", "Open"], ["today", "Due today"], ["overdue", "Overdue"], ["done", "Done"]];

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const params = taskParams(ctx.url);
    return ctx.render({ ...await withMembers(auth, (q) => listTasks(q, auth, params)), params });
  },
};

export default function Tasks({ data, state, url }: PageProps<Data, State>) {
  const slug = state.auth.org.slug;
  const base = orgPath(slug, "tasks");
  const { page, params } = data;
  const now = new Date();
  const back = url.pathname + url.search;
  return (
    <>
      <PageHeader title="Tasks" subtitle="Add tasks from any company, contact, lead or deal page. Times are UTC." />
      <ListFilters
        action={base}
        q={params.q}
        searchLabel="Subject"
        choices={[
          { name: "state", label: "State", value: params.state, options: STATES },
          ownerChoice(data.members, params.owner, "Assigned to"),
          sortChoice(TASK_SORTS, params.sort),
        ]}
      />
      <DataTable
        caption="Tasks"
        rows={page.rows}
        empty="No tasks here. Enjoy the quiet."
        columns={[
          { label: "Task", render: (t) => t.subject },
          {
            label: "Record",
            render: (t) => (
              <RowLink href={recordPath(slug, t.record_type, t.record_id)}>
                {t.record_title} <span class="text-xs text-slate-500">({RECORDS[t.record_type].noun})</span>
              </RowLink>
            ),
          },
          {
            label: "Due",
            render: (t) => (
              <span class="flex items-center gap-2">
                {formatDateTime(t.due_at, state.auth.org.time_zone)}
                {!t.done_at && t.due_at && t.due_at < now ? <Badge value="overdue" /> : null}
              </span>
            ),
          },
          { label: "Assigned to", render: (t) => t.assignee ?? "—", wide: true },
          {
            label: "Action",
            render: (t) => (
              <PostButton action={`${base}/${t.id}/done`} fields={{ done: t.done_at ? "0" : "1", back }}>
                {t.done_at ? "Reopen" : "Mark done"}
              </PostButton>
            ),
          },
        ]}
      />
      <Pager url={url} total={page.total} shown={page.rows.length} next={page.next} noun="task" />
    </>
  );
}
