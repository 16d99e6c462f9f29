/** Top bar of public pages: pricing, and the way in ("Open app" once signed in). */
export function SiteHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header class="bg-white border-b border-slate-200">
      <nav class="max-w-6xl mx-auto px-6 h-16 flex items-center justify-between" aria-label="Main">
        <a href="/" class="flex items-center gap-2 font-semibold text-lg text-slate-900">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          NexaCRM
        </a>
        <div class="flex items-center gap-4 text-sm">
          <a href="/pricing" class="text-slate-700 hover:text-slate-900">Pricing</a>
          {signedIn
            ? (
              <a href="/app" class="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                Open app
              </a>
            )
            : (
              <>
                <a href="/login" class="text-slate-700 hover:text-slate-900">Log in</a>
                <a href="/signup" class="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                  Start free trial
                </a>
              </>
            )}
        </div>
      </nav>
    </header>
  );
}
