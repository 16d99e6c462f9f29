/** The signed-in frame: navigation for the current org, the org switcher and the account menu. */
import type { ComponentChildren } from "preact";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { can } from "@/lib/auth/permissions.ts";
import { orgPath } from "@/lib/http/paths.ts";

const NAV: [path: string, label: string][] = [
  ["", "My day"],
  ["/leads", "Leads"],
  ["/deals", "Deals"],
  ["/companies", "Companies"],
  ["/contacts", "Contacts"],
  ["/customers", "Customers"],
  ["/tasks", "Tasks"],
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
    ...(can(auth.role, "integrations.manage") ? [["/settings/api-keys", "API keys"] as [string, string]] : []),
    ...(can(auth.role, "audit.view") ? [["/settings/audit", "Audit log"] as [string, string]] : []),
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
          class={`block rounded-md px-3 py-2 text-sm ${
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
      <aside class="md:w-56 md:min-h-screen bg-white border-r border-slate-200 p-4 flex flex-col gap-6">
        <a href={base} class="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span class="truncate">{auth.org.name}</span>
        </a>
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
      </aside>
      <main id="main" class="flex-1 p-6 min-w-0">{children}</main>
    </div>
  );
}
