/** Building blocks of the account and organisation settings pages. */
import type { ComponentChildren } from "preact";

export function PageHeader({ title, intro }: { title: string; intro?: ComponentChildren }) {
  return (
    <header class="mb-6">
      <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
      {intro ? <p class="mt-1 text-sm text-slate-600">{intro}</p> : null}
    </header>
  );
}

export function Panel(
  { title, description, children, tone = "default", id }: {
    title: string;
    description?: ComponentChildren;
    children: ComponentChildren;
    tone?: "default" | "danger";
    id?: string;
  },
) {
  const border = tone === "danger" ? "border-red-200" : "border-slate-200";
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-title`;
  return (
    <section class={`mb-6 rounded-xl border ${border} bg-white p-6 shadow-sm`} aria-labelledby={headingId}>
      <h2 id={headingId} class={`text-lg font-semibold ${tone === "danger" ? "text-red-700" : ""}`}>{title}</h2>
      {description ? <p class="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div class="mt-4">{children}</div>
    </section>
  );
}

const BUTTON = "inline-flex items-center rounded-md px-4 py-2 text-sm font-medium focus:outline-none focus:ring-2";

export function Button(
  { children, kind = "primary", name, value }: {
    children: ComponentChildren;
    kind?: "primary" | "secondary" | "danger";
    name?: string;
    value?: string;
  },
) {
  const colours = {
    primary: "bg-brand-600 text-white hover:bg-brand-700 focus:ring-brand-500",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus:ring-brand-500",
    danger: "bg-red-600 text-white hover:bg-red-700 focus:ring-red-500",
  }[kind];
  return <button type="submit" name={name} value={value} class={`${BUTTON} ${colours}`}>{children}</button>;
}

/** The form that opens the next (older) page of a keyset-paginated list, when there is one. */
export function OlderPage({ next, action, label }: { next: string | null; action: string; label: string }) {
  if (!next) return null;
  return (
    <form method="get" action={action} class="mt-4">
      <input type="hidden" name="before" value={next} />
      <Button kind="secondary">{label}</Button>
    </form>
  );
}

/** A role as a small badge. */
export function RoleBadge({ role }: { role: string }) {
  const colours = role === "OWNER"
    ? "bg-amber-100 text-amber-800"
    : role === "ADMIN"
    ? "bg-brand-100 text-brand-700"
    : "bg-slate-100 text-slate-700";
  return <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${colours}`}>{role.toLowerCase()}</span>;
}

export function formatTime(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
