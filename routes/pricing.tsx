import { SiteHeader } from "@/components/SiteHeader.tsx";
import { PlanCard } from "@/components/billing/PlanCard.tsx";
import { PLANS, TRIAL_DAYS, TRIAL_PLAN } from "@/lib/billing/plans.ts";
import { publicPageHandler, signedIn } from "@/lib/auth/public_pages.ts";
import type { PageProps, RouteConfig } from "@/lib/fresh/types.ts";

/** Rendered once per variant (signed out, signed in) and served from memory. */
export const config: RouteConfig = { static: true };
export const handler = publicPageHandler;

export default function Pricing({ url }: PageProps) {
  return (
    <>
      <SiteHeader signedIn={signedIn(url)} />
      <main class="max-w-6xl mx-auto px-6 py-16">
        <div class="max-w-2xl">
          <h1 class="text-4xl font-bold tracking-tight">Simple per-seat pricing</h1>
          <p class="mt-4 text-lg text-slate-600">
            Every new workspace starts with a {TRIAL_DAYS}-day {PLANS[TRIAL_PLAN].name}{" "}
            trial, no card needed. When it ends, workspaces without a plan move to Free: nothing is deleted, only the
            limits change.
          </p>
        </div>
        <h2 class="sr-only">Plans</h2>
        <div class="mt-12 grid gap-6 md:grid-cols-3">
          {Object.values(PLANS).map((plan) => (
            <PlanCard
              key={plan.id}
              plan={plan}
              highlight={plan.id === TRIAL_PLAN}
              badge={plan.id === TRIAL_PLAN ? "Most popular" : undefined}
            >
              <a
                href="/signup"
                class={`block rounded-md px-4 py-2 text-center font-medium ${
                  plan.id === TRIAL_PLAN
                    ? "bg-brand-600 text-white hover:bg-brand-700"
                    : "border border-slate-300 text-slate-800 hover:bg-slate-50"
                }`}
              >
                {plan.id === "free" ? "Start free" : `Start ${TRIAL_DAYS}-day trial`}
                <span class="sr-only">{` on ${plan.name}`}</span>
              </a>
            </PlanCard>
          ))}
        </div>
        <p class="mt-8 text-sm text-slate-600">
          Prices in US dollars, per seat (member) and month, billed monthly through Stripe. Seats follow your team:
          adding or removing a member is prorated. Owners change plan, card or cancel any time from the billing page.
        </p>
      </main>
    </>
  );
}
