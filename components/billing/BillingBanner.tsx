/**
 * The billing notice at the top of every org page: read-only (everyone), payment failing, trial
 * days left, trial over or plan ending. Owners get the link to act; others are told whom to ask.
 */
import type { Role } from "@/db/schema.ts";
import { can } from "@/lib/auth/permissions.ts";
import { billingPath, readOnlyReason } from "@/lib/billing/limits.ts";
import type { BillingStatus } from "@/lib/billing/status.ts";

const TONES = {
  danger: "bg-red-50 border-red-200 text-red-800",
  warning: "bg-amber-50 border-amber-200 text-amber-900",
  info: "bg-brand-50 border-brand-100 text-brand-900",
} as const;

const day = (d: Date) => d.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });

function Banner(
  { tone, message, action, href }: { tone: keyof typeof TONES; message: string; action?: string; href: string },
) {
  return (
    <aside
      aria-label="Billing"
      role={tone === "danger" ? "alert" : undefined}
      class={`mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 text-sm ${
        TONES[tone]
      }`}
    >
      <p>{message}</p>
      {action
        ? (
          <a
            href={href}
            class="whitespace-nowrap rounded-md bg-white/80 px-3 py-1.5 font-medium underline-offset-2 hover:underline"
          >
            {action}
          </a>
        )
        : null}
    </aside>
  );
}

export function BillingBanner({ status, role }: { status: BillingStatus | null | undefined; role: Role }) {
  if (!status) return null;
  const owner = can(role, "billing.manage");
  const href = billingPath(status.org.slug);
  const readOnly = readOnlyReason(status);
  if (readOnly) {
    return owner ? <Banner tone="danger" message={readOnly} action="Update payment method" href={href} /> : (
      <Banner
        tone="danger"
        message={`This workspace is read-only until an owner fixes the failing payment. Everything stays visible and exportable.`}
        href={href}
      />
    );
  }
  if (!owner) return null;
  if (status.dunning) {
    return (
      <Banner
        tone="warning"
        message={`The last payment failed. Update the payment method before ${
          day(status.dunning.readOnlyFrom)
        } to keep editing: after that the workspace turns read-only.`}
        action="Update payment method"
        href={href}
      />
    );
  }
  if (status.standing === "trial") {
    const days = status.trialDaysLeft;
    return (
      <Banner
        tone="info"
        message={`${days} ${days === 1 ? "day" : "days"} left in your ${status.plan.name} trial.`}
        action="Choose a plan"
        href={href}
      />
    );
  }
  if (status.standing === "free" && !status.subscription?.live) {
    return (
      <Banner
        tone="info"
        message="Your trial has ended and this workspace is on the Free plan. Nothing was deleted; only the limits changed."
        action="Upgrade"
        href={href}
      />
    );
  }
  const endsAt = status.subscription?.cancelAt ??
    (status.subscription?.cancelAtPeriodEnd ? status.subscription.currentPeriodEnd : null);
  if (status.standing === "subscribed" && endsAt) {
    return (
      <Banner
        tone="warning"
        message={`Your ${status.plan.name} plan ends on ${day(endsAt)}.`}
        action="Keep my plan"
        href={href}
      />
    );
  }
  return null;
}
