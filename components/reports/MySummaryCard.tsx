/** "My day"'s line of the member's own numbers, linking to their reports. */
import { counted } from "@/components/records/format.ts";
import { formatMoney } from "@/lib/records/money.ts";
import type { MySummary } from "@/lib/reports/summary.ts";

export function MySummaryCard(
  { summary, currency, reports }: { summary: MySummary; currency: string; reports: string },
) {
  const items: [string, string, string][] = [
    ["My open pipeline", formatMoney(summary.openMinor, currency), counted(summary.openDeals, "open deal")],
    ["Won this month", formatMoney(summary.wonMinor, currency), counted(summary.wonDeals, "deal")],
    ["Tasks due", String(summary.tasksDue), "today or overdue"],
  ];
  return (
    <section aria-labelledby="my-numbers" class="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-numbers" class="text-sm font-semibold text-slate-800">My numbers</h2>
        <a href={reports} class="text-sm text-brand-700 underline">My reports</a>
      </div>
      <dl class="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="my-summary">
        {items.map(([label, value, detail]) => (
          <div key={label}>
            <dt class="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
            <dd class="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
            <dd class="text-xs text-slate-600">{detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
