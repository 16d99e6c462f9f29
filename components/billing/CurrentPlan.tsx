/** The billing page's summary of where the org stands: plan, status, seats, renewal or end. */
import type { ComponentChildren } from "preact";
import { formatLimit } from "@/lib/billing/plans.ts";
import type { BillingStatus } from "@/lib/billing/status.ts";
import { counted } from "@/components/records/format.ts";

const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  trialing: "Active (Stripe trial)",
  past_due: "Payment failed, retrying",
  unpaid: "Unpaid",
  canceled: "Cancelled",
  incomplete: "Awaiting the first payment",
  incomplete_expired: "Checkout expired",
  paused: "Paused",
};

const day = (d: Date) => d.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt class="text-sm font-medium text-slate-500">{term}</dt>
      <dd class="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

export function CurrentPlan(
  { status, members, apiCalls }: { status: BillingStatus; members: number; apiCalls: number },
) {
  const sub = status.standing === "subscribed" ? status.subscription : null;
  const endsAt = sub?.cancelAt ?? (sub?.cancelAtPeriodEnd ? sub.currentPeriodEnd : null);
  return (
    <section aria-labelledby="current-plan" class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="current-plan" class="text-lg font-semibold">Current plan</h2>
      <dl class="mt-2 divide-y divide-slate-100">
        <Row term="Plan">
          <span class="font-semibold" data-testid="current-plan">{status.plan.name}</span>
          {status.standing === "trial"
            ? ` trial, ${counted(status.trialDaysLeft, "day")} left (until ${day(status.trialEndsAt)})`
            : null}
          {status.standing === "free" ? " (trial ended)" : null}
        </Row>
        {sub ? <Row term="Status">{STATUS_LABELS[sub.status] ?? sub.status}</Row> : null}
        <Row term="Seats">
          {members} in use of {formatLimit("seats", status.plan.limits.seats)}
          {sub ? `, ${sub.seats} billed` : null}
        </Row>
        <Row term="API calls">
          <span data-testid="api-calls">{apiCalls.toLocaleString("en-US")}</span> this month of{" "}
          {formatLimit("apiCallsPerMonth", status.plan.limits.apiCallsPerMonth)} (at most{" "}
          {formatLimit("apiRequestsPerMinute", status.plan.limits.apiRequestsPerMinute)} per key)
        </Row>
        {sub?.currentPeriodEnd
          ? <Row term={endsAt ? "Ends on" : "Renews on"}>{day(endsAt ?? sub.currentPeriodEnd)}</Row>
          : null}
        {status.dunning
          ? (
            <Row term="Payment">
              Failing since {day(status.dunning.since)}. {status.dunning.readOnly
                ? "The workspace is read-only until a payment succeeds."
                : `The workspace turns read-only on ${day(status.dunning.readOnlyFrom)} unless a payment succeeds.`}
            </Row>
          )
          : null}
      </dl>
    </section>
  );
}
