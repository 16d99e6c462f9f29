/** The report's headline figures, above its charts. */
import type { Headline } from "@/lib/reports/charts.ts";

export function Headlines({ items }: { items: Headline[] }) {
  return (
    <dl class="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {items.map((h) => (
        <div key={h.label} class="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <dt class="text-xs font-medium uppercase tracking-wide text-slate-600">{h.label}</dt>
          <dd class="mt-1 text-lg font-semibold tabular-nums text-slate-900 break-words sm:text-xl">{h.value}</dd>
          {h.change ? <dd class="text-xs text-slate-600">{h.change}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
