/** The signed-in frame: navigation for the current org, the org switcher and the account menu. */
import type { ComponentChildren } from "preact";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { can } from "@/lib/auth/permissions.ts";
import { orgPath } from "@/lib/http/paths.ts";
import NotificationBell from "@/islands/NotificationBell.tsx";

const NAV: [path: string, label: string][] = [
  ["", "My day"],
  ["/leads", "Leads"],
  ["/deals", "Deals"],
  ["/companies", "Companies"],
  ["/contacts", "Contacts"],
  ["/customers", "Customers"],
  ["/tasks", "Tasks"],
  ["/reports", "Reports"],
];

/**
 * The one navigation item the page belongs to: "My day" on the org's home only, otherwise the item with the
 * longest path the page is at or under ("Members" rather than "Organisation" on /settings/members/…).
 */
function currentItem(path: string, base: string, items: string[]): string | undefined {
  if (path === base) return "";
  return items.filter((p) => p !== "" && (path === base + p || path.startsWith(`${base}${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export function AppShell({ auth, path, children }: { auth: AuthContext; path: string; children: ComponentChildren }) {
  const base = orgPath(auth.org.slug);
  const settings: [string, string][] = [
    ["/settings", "Organisation"],
    ["/settings/members", "Members"],
    ["/settings/web-form", "Web form"],
    ...(can(auth.role, "pipelines.manage") ? [["/settings/pipelines", "Pipelines"] as [string, string]] : []),
    ...(can(auth.role, "settings.manage") ? [["/settings/automation", "Automation"] as [string, string]] : []),
    ...(can(auth.role, "integrations.manage")
      ? [["/settings/integrations", "Integrations"], ["/settings/api-keys", "API keys"]] as [string, string][]
      : []),
    ...(can(auth.role, "audit.view") ? [["/settings/audit", "Audit log"] as [string, string]] : []),
    ...(can(auth.role, "jobs.manage") ? [["/settings/jobs", "Background jobs"] as [string, string]] : []),
    ...(can(auth.role, "data.export") ? [["/settings/data", "Data"] as [string, string]] : []),
    ...(can(auth.role, "billing.manage") ? [["/settings/billing", "Billing"] as [string, string]] : []),
  ];
  const current = currentItem(path, base, [...NAV, ...settings].map(([p]) => p));
  const link = ([p, label]: [string, string]) => {
    const href = base + p;
    const active = p === current;
    return (
      <li>
        <a
          href={href}
          aria-current={active ? "page" : undefined}
          class={`block rounded-md px-3 py-3 text-sm md:py-2 ${
            active ? "bg-brand-50 text-brand-700 font-medium" : "text-slate-700 hover:bg-slate-100"
          }`}
        >
          {label}
        </a>
      </li>
    );
  };
  return (
    <div class="min-h-screen md:flex">
      <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:p-2 focus:bg-white">Skip to content</a>
      {
        /* On a phone a compact bar (org, search, Menu) whose menu is a popover: it opens and closes without
          JavaScript, Escape and a tap outside close it. From md up the menu is the sidebar, always shown. */
      }
      <aside class="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 md:static md:h-auto md:min-h-screen md:w-56 md:flex-col md:items-stretch md:border-b-0 md:border-r md:p-4">
        <a href={base} class="flex min-w-0 items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span class="truncate">{auth.org.name}</span>
        </a>
        <a
          href={`${base}/search`}
          class="ml-auto flex min-h-[44px] items-center px-2 text-sm text-slate-700 underline md:hidden"
        >
          Search
        </a>
        <NotificationBell base={base} countUrl={`/notifications/count/${auth.org.slug}`} />
        <button
          type="button"
          popovertarget="app-menu"
          aria-controls="app-menu"
          class="min-h-[44px] rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-700 md:hidden"
        >
          Menu
        </button>
        <div
          id="app-menu"
          popover="auto"
          aria-label="Menu"
          class="fixed inset-x-0 bottom-auto top-14 m-0 max-h-[calc(100vh-3.5rem)] w-full overflow-y-auto border-0 border-b border-slate-200 bg-white p-4 shadow-lg md:static md:mt-6 md:block md:max-h-none md:grow md:overflow-visible md:border-0 md:p-0 md:shadow-none"
        >
          <div class="flex min-h-full flex-col gap-6">
            <form action={`${base}/search`} method="get" role="search" aria-label="Search records">
              <label for="global-search" class="sr-only">Search records</label>
              <input
                id="global-search"
                name="q"
                type="search"
                placeholder="Search…"
                class="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              />
            </form>
            <nav aria-label="Workspace">
              <ul class="space-y-1">{NAV.map(link)}</ul>
            </nav>
            <nav aria-label="Settings">
              <p class="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Settings</p>
              <ul class="mt-2 space-y-1">{settings.map(link)}</ul>
            </nav>
            <div class="mt-auto text-sm text-slate-600">
              <p class="truncate" title={auth.user.email}>{auth.user.name}</p>
              <p class="text-xs text-slate-500">{auth.role.toLowerCase()}</p>
              <div class="mt-2 flex gap-3">
                <a href="/app" class="underline">Switch org</a>
                <a href="/account" class="underline">Account</a>
              </div>
              <form method="post" action="/logout" class="mt-2">
                <button type="submit" class="underline">Log out</button>
              </form>
            </div>
          </div>
        </div>
      </aside>
      <main id="main" class="min-w-0 flex-1 p-4 md:p-6">{children}</main>
    </div>
  );
}
