/** Small building blocks of record pages: header, cards, buttons, badges and notices. */
import type { ComponentChildren } from "preact";

export function PageHeader(
  { title, subtitle, actions }: { title: ComponentChildren; subtitle?: ComponentChildren; actions?: ComponentChildren },
) {
  return (
    <header class="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div class="min-w-0">
        <h1 class="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p class="mt-1 text-sm text-slate-500">{subtitle}</p> : null}
      </div>
      {actions ? <div class="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}

export function Card(
  { title, id, children, actions }: {
    title?: string;
    id?: string;
    children: ComponentChildren;
    actions?: ComponentChildren;
  },
) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section id={id} aria-labelledby={headingId} class="rounded-lg border border-slate-200 bg-white shadow-sm">
      {title
        ? (
          <div class="flex items-center justify-between border-b border-slate-100 px-4 py-3">
            <h2 id={headingId} class="text-sm font-semibold text-slate-800">{title}</h2>
            {actions}
          </div>
        )
        : null}
      <div class="p-4">{children}</div>
    </section>
  );
}

const BUTTON = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 border border-brand-600",
  secondary: "bg-white text-slate-700 hover:bg-slate-50 border border-slate-300",
  danger: "bg-white text-red-700 hover:bg-red-50 border border-red-300",
};
export type ButtonVariant = keyof typeof BUTTON;
export const buttonClass = (variant: ButtonVariant = "secondary") =>
  `inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium shadow-sm ${BUTTON[variant]}`;

export function LinkButton(
  { href, children, variant }: { href: string; children: ComponentChildren; variant?: ButtonVariant },
) {
  return <a href={href} class={buttonClass(variant)}>{children}</a>;
}

/** Downloads the list as CSV with the filters and order shown (from the first row, whatever the page). */
export function ExportLink({ base, url }: { base: string; url: URL }) {
  const query = new URLSearchParams(url.search);
  query.delete("after");
  const search = query.size ? `?${query}` : "";
  return <LinkButton href={`${base}/export${search}`}>Export CSV</LinkButton>;
}

/** A one-button form: actions that change data are POSTs, so they work without JavaScript. */
export function PostButton(
  { action, children, variant, fields = {} }: {
    action: string;
    children: ComponentChildren;
    variant?: ButtonVariant;
    fields?: Record<string, string>;
  },
) {
  return (
    <form method="post" action={action} class="inline">
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" class={buttonClass(variant)}>{children}</button>
    </form>
  );
}

const BADGE: Record<string, string> = {
  new: "bg-sky-50 text-sky-700 ring-sky-200",
  qualified: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  disqualified: "bg-slate-100 text-slate-600 ring-slate-200",
  converted: "bg-violet-50 text-violet-700 ring-violet-200",
  open: "bg-sky-50 text-sky-700 ring-sky-200",
  won: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  lost: "bg-slate-100 text-slate-600 ring-slate-200",
  overdue: "bg-red-50 text-red-700 ring-red-200",
  done: "bg-emerald-50 text-emerald-700 ring-emerald-200",
};

export function Badge({ value, label }: { value: string; label?: string }) {
  return (
    <span
      class={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        BADGE[value] ?? "bg-slate-100 text-slate-700 ring-slate-200"
      }`}
    >
      {label ?? value.replace(/_/g, " ")}
    </span>
  );
}

export function Notice({ children, tone = "info" }: { children: ComponentChildren; tone?: "info" | "success" }) {
  const colors = tone === "success"
    ? "border-emerald-200 bg-emerald-50 text-emerald-800"
    : "border-sky-200 bg-sky-50 text-sky-800";
  return (
    <div role="status" class={`mb-4 flex flex-wrap items-center gap-3 rounded-md border px-4 py-3 text-sm ${colors}`}>
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="px-4 py-10 text-center text-sm text-slate-500">{children}</p>;
}

/** A definition list of a record's fields. */
export function Details({ items }: { items: [label: string, value: ComponentChildren][] }) {
  return (
    <dl class="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt class="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
          <dd class="mt-0.5 text-sm text-slate-900 break-words">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
