/** One plan from lib/billing/plans.ts: price, limits and features, with an action slot below. */
import type { ComponentChildren } from "preact";
import { formatLimit, formatMoney, type LimitKey, type Plan } from "@/lib/billing/plans.ts";

const SHOWN_LIMITS: LimitKey[] = [
  "seats",
  "records",
  "pipelines",
  "automationRules",
  "apiCallsPerMonth",
  "apiRequestsPerMinute",
];

export function PlanCard(
  { plan, highlight, badge, children }: {
    plan: Plan;
    highlight?: boolean;
    badge?: string;
    children?: ComponentChildren;
  },
) {
  const headingId = `plan-${plan.id}`;
  return (
    <section
      aria-labelledby={headingId}
      class={`flex flex-col rounded-xl border bg-white p-6 shadow-sm ${
        highlight ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200"
      }`}
    >
      <div class="flex items-center justify-between gap-2">
        <h3 id={headingId} class="text-lg font-semibold">{plan.name}</h3>
        {badge
          ? <span class="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700">{badge}</span>
          : null}
      </div>
      <p class="mt-2 text-sm text-slate-600">{plan.tagline}</p>
      <p class="mt-4">
        <span class="text-3xl font-bold tracking-tight">{formatMoney(plan.pricePerSeatMinor, plan.currency)}</span>
        <span class="text-sm text-slate-600">{plan.pricePerSeatMinor ? " per seat / month" : " forever"}</span>
      </p>
      <ul class="mt-6 space-y-2 text-sm text-slate-700" aria-label={`${plan.name} limits`}>
        {SHOWN_LIMITS.map((key) => (
          <li key={key} class="flex gap-2">
            <span aria-hidden="true" class="text-brand-600">•</span>
            {formatLimit(key, plan.limits[key])}
          </li>
        ))}
      </ul>
      <ul
        class="mt-4 space-y-2 border-t border-slate-100 pt-4 text-sm text-slate-700"
        aria-label={`${plan.name} features`}
      >
        {plan.features.map((feature) => (
          <li key={feature} class="flex gap-2">
            <span aria-hidden="true" class="text-emerald-600">✓</span>
            {feature}
          </li>
        ))}
      </ul>
      {children ? <div class="mt-auto pt-6">{children}</div> : null}
    </section>
  );
}
