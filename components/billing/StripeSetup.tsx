/** Local mode: how to connect Stripe, shown on the billing page in development while keys are missing. */
import { PLANS, TRIAL_DAYS, TRIAL_PLAN } from "@/lib/billing/plans.ts";

/** The variables to set; `origin` is where this app was reached, for Stripe's CLI to forward webhooks to. */
const variables = (origin: string): [name: string, what: string][] => [
  ["STRIPE_SECRET_KEY", "your secret API key (sk_test_… while testing)"],
  [
    "STRIPE_WEBHOOK_SECRET",
    `the signing secret (whsec_…) of a webhook endpoint at /api/stripe/webhook, or the one \`stripe listen --forward-to ${origin}/api/stripe/webhook\` prints`,
  ],
  ["STRIPE_PRICE_PRO", "the monthly per-seat price id of Pro (default price_pro_monthly)"],
  ["STRIPE_PRICE_BUSINESS", "the monthly per-seat price id of Business (default price_business_monthly)"],
];

export function StripeSetup(
  { secretKey, webhookSecret, origin }: { secretKey: boolean; webhookSecret: boolean; origin: string },
) {
  return (
    <section aria-labelledby="stripe-setup" class="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-950">
      <h2 id="stripe-setup" class="text-lg font-semibold">
        {secretKey ? "Stripe webhooks are not connected" : "Local mode: Stripe is not connected"}
      </h2>
      <p class="mt-2 text-sm">
        {secretKey
          ? "Checkout works, but plans change here only when Stripe's events arrive. "
          : `Payments are off. Every workspace runs its ${TRIAL_DAYS}-day ${
            PLANS[TRIAL_PLAN].name
          } trial and then the Free plan, and plan limits still apply. `}
        To connect Stripe, set these environment variables and restart the app:
      </p>
      <dl class="mt-4 space-y-3 text-sm">
        {variables(origin).map(([name, what]) => (
          <div key={name}>
            <dt class="font-mono font-semibold">
              {name}
              {name === "STRIPE_SECRET_KEY" && secretKey ? " (set)" : null}
              {name === "STRIPE_WEBHOOK_SECRET" && webhookSecret ? " (set)" : null}
            </dt>
            <dd class="text-amber-900">{what}</dd>
          </div>
        ))}
      </dl>
      <p class="mt-4 text-sm">
        In Stripe, enable the customer portal (Settings → Billing → Customer portal) and send these events to the
        webhook: checkout.session.completed, customer.subscription.created/updated/deleted/trial_will_end, invoice.paid,
        invoice.payment_failed, invoice.payment_action_required.
      </p>
    </section>
  );
}
