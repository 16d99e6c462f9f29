/** A record's timeline: activities and history, newest first. */
import type { TimelineActivity, TimelineEvent, TimelineItem } from "@/lib/records/timeline.ts";
import { formatDateTime } from "./format.ts";
import { Badge, PostButton } from "./ui.tsx";

const ICON: Record<string, [letter: string, color: string]> = {
  call: ["C", "bg-sky-100 text-sky-700"],
  email: ["E", "bg-indigo-100 text-indigo-700"],
  meeting: ["M", "bg-amber-100 text-amber-700"],
  task: ["T", "bg-emerald-100 text-emerald-700"],
  note: ["N", "bg-slate-200 text-slate-700"],
};

function verb(e: TimelineEvent, noun: string): string {
  switch (e.event) {
    case "created":
      return `created this ${noun}`;
    case "updated":
      return `edited this ${noun}`;
    case "owner_changed":
      return "changed the owner";
    case "status_changed":
      return "changed the status";
    case "stage_changed":
      return "moved it to another stage";
    default:
      return `${e.event.replace(/_/g, " ")} this ${noun}`;
  }
}

function Activity(
  { a, taskAction, back, zone }: {
    a: TimelineActivity;
    taskAction: (id: string) => string;
    back: string;
    zone: string;
  },
) {
  const [letter, color] = ICON[a.type];
  const overdue = a.type === "task" && !a.doneAt && a.dueAt && a.dueAt < new Date();
  return (
    <>
      <span
        aria-hidden="true"
        class={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-bold ${color}`}
      >
        {letter}
      </span>
      <div class="min-w-0 flex-1">
        <p class="text-sm">
          <span class="font-medium text-slate-900">{a.subject}</span> <span class="text-slate-500">· {a.type}</span>
          {a.type === "task"
            ? (
              <>
                {" "}
                <Badge value={a.doneAt ? "done" : overdue ? "overdue" : "open"} />
              </>
            )
            : null}
        </p>
        {a.body ? <p class="mt-1 whitespace-pre-wrap text-sm text-slate-700">{a.body}</p> : null}
        <p class="mt-1 text-xs text-slate-500">
          {a.author ?? "Someone"} · <time dateTime={a.at.toISOString()}>{formatDateTime(a.at, zone)}</time>
          {a.type === "task" ? <>· due {formatDateTime(a.dueAt, zone)} · assigned to {a.assignee ?? "nobody"}</> : null}
        </p>
        {a.type === "task"
          ? (
            <div class="mt-2">
              <PostButton action={taskAction(a.id)} fields={{ done: a.doneAt ? "0" : "1", back }}>
                {a.doneAt ? "Reopen task" : "Mark done"}
              </PostButton>
            </div>
          )
          : null}
      </div>
    </>
  );
}

function Event({ e, noun, zone }: { e: TimelineEvent; noun: string; zone: string }) {
  return (
    <>
      <span
        aria-hidden="true"
        class="mt-1.5 ml-2.5 mr-2.5 h-3 w-3 shrink-0 rounded-full border-2 border-slate-300 bg-white"
      />
      <div class="min-w-0 flex-1 text-sm text-slate-600">
        <p>
          <span class="font-medium text-slate-800">{e.actor ?? "Web form"}</span> {verb(e, noun)}
          <span class="text-xs text-slate-500">
            {" · "}
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, zone)}</time>
          </span>
        </p>
        {e.changes.length
          ? (
            <ul class="mt-1 space-y-0.5 text-xs">
              {e.changes.map((c, i) => (
                <li key={i}>
                  {c.field ? <span class="font-medium">{c.field}:</span> : null}{" "}
                  <del class="text-slate-500">{c.from}</del>
                  {" → "}
                  <ins class="no-underline text-slate-800">{c.to}</ins>
                </li>
              ))}
            </ul>
          )
          : null}
        {e.note ? <p class="mt-1 text-xs italic">“{e.note}”</p> : null}
      </div>
    </>
  );
}

export function Timeline(
  { items, noun, taskAction, back, zone }: {
    items: TimelineItem[];
    noun: string;
    /** The org's time zone, which times show in. */
    zone: string;
    /** Where a task's done/reopen form posts. */
    taskAction: (taskId: string) => string;
    /** Where to come back to after that. */
    back: string;
  },
) {
  if (!items.length) return <p class="text-sm text-slate-500">Nothing here yet.</p>;
  return (
    <ol class="space-y-4">
      {items.map((item) => (
        <li key={item.id} class="flex gap-3">
          {item.kind === "activity"
            ? <Activity a={item} taskAction={taskAction} back={back} zone={zone} />
            : <Event e={item} noun={noun} zone={zone} />}
        </li>
      ))}
    </ol>
  );
}
