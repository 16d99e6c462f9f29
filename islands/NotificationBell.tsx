/**
 * The bell in the app shell: the unread count, and a panel of the latest notifications (who, what, a link)
 * with mark one / all read. It polls the count endpoint every 20 seconds with If-None-Match, so a quiet poll
 * is a 304 with no body, and skips polls while the tab is hidden. Without JavaScript it is a link to the inbox.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";

export const POLL_MS = 20_000;

interface Item {
  id: string;
  title: string;
  link: string | null;
  read: boolean;
  created_at: string;
}

const badge = (count: number) => count >= 100 ? "99+" : String(count);

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

const BUTTON = "relative flex min-h-[44px] min-w-[44px] items-center justify-center gap-2 rounded-md px-2 text-sm " +
  "text-slate-700 hover:bg-slate-100 md:justify-start md:px-3";

/** `base`: the org's /app path; `countUrl`: the count endpoint (outside /app, see its route). */
export default function NotificationBell({ base, countUrl }: { base: string; countUrl: string }) {
  const ready = useSignal(false);
  const count = useSignal(0);
  const open = useSignal(false);
  const items = useSignal<Item[] | null>(null);
  const etag = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const poll = async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(countUrl, {
        headers: etag.current ? { "if-none-match": etag.current } : {},
      });
      if (res.status !== 200) return;
      etag.current = res.headers.get("etag");
      count.value = (await res.json()).count;
      if (open.value) await loadItems();
    } catch {
      // Offline or the server restarting: the next poll tries again.
    }
  };
  const loadItems = async () => {
    const res = await fetch(`${base}/notifications/latest`);
    if (res.ok) items.value = (await res.json()).items;
  };
  const markRead = async (id: string | null) => {
    const body = new URLSearchParams(id ? { id } : {});
    await fetch(`${base}/notifications/read`, { method: "POST", body, headers: { accept: "application/json" } });
    await Promise.all([loadItems(), poll()]);
  };

  useEffect(() => {
    ready.value = true;
    poll();
    const timer = setInterval(poll, POLL_MS);
    const onVisible = () => !document.hidden && poll();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && (open.value = false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && (open.value = false);
    document.addEventListener("visibilitychange", onVisible);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);

  const countBadge = count.value
    ? (
      <span
        aria-hidden="true"
        data-testid="bell-count"
        class="absolute right-0 top-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white md:static"
      >
        {badge(count.value)}
      </span>
    )
    : null;
  if (!ready.value) {
    return (
      <a href={`${base}/notifications`} class={BUTTON} aria-label="Notifications">
        <BellIcon />
        <span class="hidden md:inline">Notifications</span>
      </a>
    );
  }
  const toggle = async () => {
    open.value = !open.value;
    if (open.value) await loadItems();
  };
  return (
    <div ref={root} class="md:relative">
      <button type="button" class={BUTTON} aria-expanded={open.value} aria-controls="bell-panel" onClick={toggle}>
        <BellIcon />
        <span aria-hidden="true" class="hidden md:inline">Notifications</span>
        <span class="sr-only">{count.value ? `Notifications, ${badge(count.value)} unread` : "Notifications"}</span>
        {countBadge}
      </button>
      {open.value
        ? (
          <section
            id="bell-panel"
            aria-label="Latest notifications"
            class="fixed inset-x-0 top-14 z-40 max-h-[70vh] overflow-y-auto border-b border-slate-200 bg-white p-3 shadow-lg md:absolute md:inset-x-auto md:left-0 md:top-full md:w-80 md:rounded-lg md:border"
          >
            <div class="mb-2 flex items-center justify-between gap-2">
              <h2 class="text-sm font-semibold">Notifications</h2>
              {count.value
                ? (
                  <button type="button" class="min-h-[44px] px-2 text-sm underline" onClick={() => markRead(null)}>
                    Mark all read
                  </button>
                )
                : null}
            </div>
            {items.value === null
              ? <p class="text-sm text-slate-600">Loading…</p>
              : items.value.length === 0
              ? <p class="text-sm text-slate-600">No notifications yet.</p>
              : (
                <ul class="divide-y divide-slate-200">
                  {items.value.map((n) => (
                    <li class={`flex items-start justify-between gap-2 py-2 ${n.read ? "" : "font-medium"}`}>
                      <a href={n.link ?? `${base}/notifications`} class="min-w-0 py-2 text-sm underline">
                        {n.read ? null : <span class="sr-only">Unread:</span>}
                        {n.title}
                      </a>
                      {n.read ? null : (
                        <button
                          type="button"
                          class="min-h-[44px] shrink-0 px-2 text-xs text-slate-600 underline"
                          onClick={() => markRead(n.id)}
                        >
                          Mark read<span class="sr-only">: {n.title}</span>
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            <p class="mt-2 flex gap-4 text-sm">
              <a href={`${base}/notifications`} class="flex min-h-[44px] items-center underline">All notifications</a>
              <a href={`${base}/notifications/preferences`} class="flex min-h-[44px] items-center underline">
                Preferences
              </a>
            </p>
          </section>
        )
        : null}
    </div>
  );
}
