/** The frame of signed-out pages (sign up, log in, reset, invitations): a centred card under the site header. */
import type { ComponentChildren } from "preact";
import { SiteHeader } from "./SiteHeader.tsx";

export function AuthCard(
  { title, intro, children, footer }: {
    title: string;
    intro?: ComponentChildren;
    children: ComponentChildren;
    footer?: ComponentChildren;
  },
) {
  return (
    <>
      <SiteHeader />
      <main class="px-6 py-16">
        <section
          class="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm"
          aria-labelledby="card-title"
        >
          <h1 id="card-title" class="text-2xl font-semibold tracking-tight">{title}</h1>
          {intro ? <div class="mt-2 text-sm text-slate-600">{intro}</div> : null}
          <div class="mt-6">{children}</div>
        </section>
        {footer ? <div class="mx-auto mt-6 max-w-md text-center text-sm text-slate-600">{footer}</div> : null}
      </main>
    </>
  );
}

/** A success or information notice inside a card or page. */
export function Notice({ children, tone = "info" }: { children: ComponentChildren; tone?: "info" | "success" }) {
  const colours = tone === "success" ? "bg-green-50 text-green-800" : "bg-brand-50 text-brand-900";
  return <div role="status" class={`mb-4 rounded-md p-3 text-sm ${colours}`}>{children}</div>;
}
