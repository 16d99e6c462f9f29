/** The frame of the account pages (/account/…): the signed-in user's own settings, outside any org. */
import type { ComponentChildren } from "preact";

const NAV: [string, string][] = [
  ["/account", "Overview & sessions"],
  ["/account/password", "Password"],
  ["/account/email", "Email address"],
];

export function AccountFrame({ path, email, children }: { path: string; email: string; children: ComponentChildren }) {
  return (
    <div class="min-h-screen">
      <header class="border-b border-slate-200 bg-white">
        <div class="mx-auto flex h-16 max-w-4xl items-center justify-between px-6">
          <a href="/app" class="flex items-center gap-2 font-semibold">
            <img src="/favicon.svg" alt="" width="24" height="24" />
            NexaCRM
          </a>
          <div class="flex items-center gap-4 text-sm text-slate-600">
            <span>{email}</span>
            <form method="post" action="/logout">
              <button type="submit" class="underline">Log out</button>
            </form>
          </div>
        </div>
      </header>
      <div class="mx-auto max-w-4xl px-6 py-10 md:flex md:gap-10">
        <nav aria-label="Account" class="mb-6 md:w-48 md:shrink-0">
          <ul class="space-y-1">
            {NAV.map(([href, label]) => (
              <li>
                <a
                  href={href}
                  aria-current={path === href ? "page" : undefined}
                  class={`block rounded-md px-3 py-2 text-sm ${
                    path === href ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
                  }`}
                >
                  {label}
                </a>
              </li>
            ))}
            <li>
              <a href="/app" class="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                ← Workspaces
              </a>
            </li>
          </ul>
        </nav>
        <main id="main" class="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
