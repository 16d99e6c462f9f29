/** Notifications as a list: who, what (a link to the record), when, and a "Mark read" button on unread ones. */
import { Button, formatTime } from "@/components/AuthPanels.tsx";
import type { NotificationItem } from "@/lib/notifications/inbox.ts";

export function NotificationList(
  { items, readAction, back }: { items: NotificationItem[]; readAction: string; back: string },
) {
  if (!items.length) return null;
  return (
    <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Notifications">
      {items.map((n) => (
        <li class={`flex flex-wrap items-center justify-between gap-3 p-3 ${n.read ? "" : "bg-brand-50"}`}>
          <div class="min-w-0 text-sm">
            <p class={n.read ? "text-slate-700" : "font-medium text-slate-900"}>
              {n.read ? null : <span class="sr-only">Unread:</span>}
              {n.link ? <a href={n.link} class="underline">{n.title}</a> : n.title}
            </p>
            <p class="text-xs text-slate-600">{formatTime(n.created_at)}</p>
          </div>
          {n.read ? null : (
            <form method="post" action={readAction}>
              <input type="hidden" name="id" value={n.id} />
              <input type="hidden" name="back" value={back} />
              <Button kind="secondary">
                Mark read<span class="sr-only">: {n.title}</span>
              </Button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
