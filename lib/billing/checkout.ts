/**
 * Stripe's hosted pages for owners: Checkout to subscribe (no card data touches our servers) and
 * the customer portal to change card, plan or cancel. Both answer with the URL to send the owner to.
 */
import type { AuthContext } from "../auth/guard.ts";
import { requirePermission } from "../auth/permissions.ts";
import { services } from "../data/services.ts";
import { withOrg } from "../data/scope.ts";
import { withQuery } from "../http/paths.ts";
import { ensureCustomer } from "./customer.ts";
import { BillingError } from "./errors.ts";
import { billingPath } from "./limits.ts";
import { type PaidPlanId, stripePriceId } from "./plans.ts";
import { billingStatus, memberCount } from "./status.ts";
import { forPerson, requireStripe } from "./stripe.ts";

function billingPageUrl(slug: string): string {
  return new URL(billingPath(slug), services().config.APP_URL).href;
}

export async function startCheckout(auth: AuthContext, plan: PaidPlanId): Promise<string> {
  requirePermission(auth.role, "billing.manage");
  const stripe = requireStripe();
  const orgId = auth.org.id;
  const { customer, seats } = await forPerson(
    "customer creation",
    () =>
      withOrg({ orgId, userId: auth.user.id }, async (q) => {
        if ((await billingStatus(q)).subscription?.live) throw new BillingError("already_subscribed");
        return { customer: await ensureCustomer(q, stripe, auth.user.email), seats: Math.max(1, await memberCount(q)) };
      }),
  );
  const page = billingPageUrl(auth.org.slug);
  const session = await forPerson("checkout", () =>
    stripe.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: orgId,
      metadata: { org_id: orgId },
      subscription_data: { metadata: { org_id: orgId } },
      line_items: [{ price: stripePriceId(plan), quantity: seats }],
      success_url: withQuery(page, { checkout: "success" }),
      cancel_url: withQuery(page, { checkout: "cancelled" }),
    }));
  if (!session.url) throw new Error(`Stripe returned Checkout session ${session.id} without a URL`);
  return session.url;
}

export async function openPortal(auth: AuthContext): Promise<string> {
  requirePermission(auth.role, "billing.manage");
  const stripe = requireStripe();
  const { customerId } = await billingStatus(auth.org.id);
  if (!customerId) throw new BillingError("no_customer");
  const session = await forPerson(
    "portal",
    () => stripe.billingPortal.sessions.create({ customer: customerId, return_url: billingPageUrl(auth.org.slug) }),
  );
  return session.url;
}
