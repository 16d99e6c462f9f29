import { CurrentPlan } from "@/components/billing/CurrentPlan.tsx";
import { PlanCard } from "@/components/billing/PlanCard.tsx";
import { StripeSetup } from "@/components/billing/StripeSetup.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { billingErrorMessage } from "@/lib/billing/errors.ts";
import { billingPath } from "@/lib/billing/limits.ts";
import { PAID_PLANS, PLANS } from "@/lib/billing/plans.ts";
import { billingOverview, type BillingStatus } from "@/lib/billing/status.ts";
import { allowStripeFormTargets, stripeSettings } from "@/lib/billing/stripe.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { counted } from "@/components/records/format.ts";

interface Data {
  status: BillingStatus;
  members: number;
  apiCalls: number;
  stripe: ReturnType<typeof stripeSettings>;
  notice: string | null;
  error: string | null;
}

type State = { auth: AuthContext };

const NOTICES: Record<string, string> = {
  "checkout=success":
    "Thank you! Stripe is confirming the payment; your plan shows here as soon as it has (usually seconds).",
  "checkout=cancelled": "Checkout was cancelled. Nothing was charged.",
  "plan=changed": "Plan changed. The difference is prorated on your next invoice.",
  "seats=synced": "Billed seats now match your members.",
};

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "billing.manage");
    const { status, members, apiCalls } = await billingOverview(auth.org.id);
    const query = ctx.url.searchParams;
    const notice = [...query].map(([k, v]) => NOTICES[`${k}=${v}`]).find(Boolean) ?? null;
    const data = {
      status,
      members,
      apiCalls,
      stripe: stripeSettings(),
      notice,
      error: billingErrorMessage(query.get("error")),
    };
    return allowStripeFormTargets(await ctx.render(data), ctx.nonce);
  },
};

const primary = "w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 " +
  "disabled:cursor-not-allowed disabled:opacity-50";
const secondary = "rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50";

export default function BillingPage({ data, url }: PageProps<Data, State>) {
  const { status, members, stripe, notice, error } = data;
  const base = billingPath(status.org.slug);
  const live = status.subscription?.live ? status.subscription : null;
  return (
    <div class="max-w-5xl space-y-8">
      <header>
        <h1 class="text-2xl font-semibold">Billing</h1>
        <p class="mt-1 text-slate-600">Plan, seats and payment for {status.org.name}.</p>
      </header>
      {error ? <div role="alert" class="rounded-md bg-red-50 p-4 text-sm text-red-700">{error}</div> : null}
      {notice ? <div role="status" class="rounded-md bg-emerald-50 p-4 text-sm text-emerald-800">{notice}</div> : null}
      {stripe.setupHelp && !(stripe.secretKey && stripe.webhookSecret)
        ? <StripeSetup {...stripe} origin={url.origin} />
        : null}
      <CurrentPlan status={status} members={members} apiCalls={data.apiCalls} />

      {live
        ? (
          <section aria-labelledby="manage" class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="manage" class="text-lg font-semibold">Manage your subscription</h2>
            <p class="mt-1 text-sm text-slate-600">
              Change the card, download invoices or cancel in Stripe's billing portal. Seats follow your members and are
              prorated.
            </p>
            <div class="mt-4 flex flex-wrap gap-3">
              <form method="post" action={`${base}/portal`}>
                <button type="submit" class={secondary}>Manage billing</button>
              </form>
              {PAID_PLANS.filter((p) => p !== live.plan).map((p) => (
                <form key={p} method="post" action={`${base}/plan`}>
                  <input type="hidden" name="plan" value={p} />
                  <button type="submit" class={secondary}>Switch to {PLANS[p].name}</button>
                </form>
              ))}
            </div>
            {live.seats !== Math.max(1, members)
              ? (
                <form method="post" action={`${base}/seats`} class="mt-4 text-sm text-slate-700">
                  {`You are billed for ${counted(live.seats, "seat")} and have ${counted(members, "member")}. `}
                  <button type="submit" class="font-medium text-brand-700 underline">Update billed seats</button>
                </form>
              )
              : null}
          </section>
        )
        : (
          <section aria-labelledby="choose" class="space-y-4">
            <h2 id="choose" class="text-lg font-semibold">Choose a plan</h2>
            <p class="text-sm text-slate-600">
              You pay per seat: {members} {members === 1 ? "member" : "members"}{" "}
              today. Payment happens on Stripe's secure checkout page.
            </p>
            <div class="grid gap-6 md:grid-cols-2">
              {PAID_PLANS.map((p) => (
                <PlanCard key={p} plan={PLANS[p]} highlight={p === status.plan.id}>
                  <form method="post" action={`${base}/checkout`}>
                    <input type="hidden" name="plan" value={p} />
                    <button
                      type="submit"
                      class={primary}
                      disabled={!stripe.secretKey}
                      aria-describedby={stripe.secretKey ? undefined : `why-${p}`}
                    >
                      Upgrade to {PLANS[p].name}
                    </button>
                    {stripe.secretKey ? null : (
                      <p id={`why-${p}`} class="mt-2 text-sm text-slate-600">
                        Online payment is not set up for this workspace yet; contact support to upgrade.
                      </p>
                    )}
                  </form>
                </PlanCard>
              ))}
            </div>
            {status.customerId
              ? (
                <form method="post" action={`${base}/portal`}>
                  <button type="submit" class={secondary}>Past invoices and payment methods</button>
                </form>
              )
              : null}
          </section>
        )}
    </div>
  );
}
