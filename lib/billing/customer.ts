/** The org's Stripe customer: created once (row lock + idempotency key) and reused; and the way back from it. */
import { asStripeCustomer, type OrgScope } from "../data/scope.ts";
import type { Stripe } from "./stripe.ts";
import { lockBillingRow } from "./subscription.ts";

/**
 * The org's customer id, creating the customer on first use. The row lock makes a second click
 * wait and then reuse the first one's customer; the idempotency key makes a retry after a crash
 * between Stripe's answer and our commit get the same customer back.
 */
export async function ensureCustomer(q: OrgScope, stripe: Stripe, contactEmail: string): Promise<string> {
  const row = await lockBillingRow(q);
  if (row.stripe_customer_id) return row.stripe_customer_id;
  const org = await q.trx.selectFrom("orgs").select("name").where("id", "=", q.orgId).executeTakeFirstOrThrow();
  const customer = await stripe.customers.create(
    { name: org.name, email: contactEmail, metadata: { org_id: q.orgId } },
    { idempotencyKey: `nexacrm-customer-${q.orgId}` },
  );
  await q.updateTable("org_billing").set({ stripe_customer_id: customer.id, updated_at: new Date() }).execute();
  return customer.id;
}

/** The org a Stripe customer belongs to (the webhook knows nothing else), through the one RLS exception. */
export async function orgForCustomer(customerId: string): Promise<string | null> {
  return await asStripeCustomer(customerId, async (trx) => {
    const row = await trx.selectFrom("org_billing").select("org_id").where("stripe_customer_id", "=", customerId)
      .executeTakeFirst();
    return row?.org_id ?? null;
  });
}
