/**
 * The org's subscription: its whole state written as read from Stripe (never patched from event
 * deltas), and the changes we make to it (seats, plan), each under the org's billing-row lock.
 */
import type { AuthContext } from "../auth/guard.ts";
import { requirePermission } from "../auth/permissions.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { BillingError } from "./errors.ts";
import { type PaidPlanId, planForPrice, stripePriceId } from "./plans.ts";
import { type BillingRow, DUNNING_STATUSES, isLive, memberCount } from "./status.ts";
import { forPerson, requireStripe, type Stripe, stripeClient } from "./stripe.ts";

/**
 * The org's billing row, created if missing and locked until the transaction ends: Stripe calls
 * and writes for one org happen one at a time, so the last writer holds the freshest read.
 */
export async function lockBillingRow(q: OrgScope): Promise<BillingRow> {
  await q.insertInto("org_billing", {}).onConflict((oc) => oc.column("org_id").doNothing()).execute();
  return await q.selectFrom("org_billing").selectAll().forUpdate().executeTakeFirstOrThrow();
}

/** Orders subscriptions: a live one beats an ended one, then the newer one; the id breaks ties. */
function outranks(a: { live: boolean; created: number; id: string }, b: typeof a): boolean {
  if (a.live !== b.live) return a.live;
  if (a.created !== b.created) return a.created > b.created;
  return a.id > b.id;
}

export class UnknownPrice extends Error {}

/**
 * Writes `sub` as the org's whole subscription state, unless the org holds another subscription
 * that outranks it (a late event about an old, cancelled subscription changes nothing).
 */
export async function writeSubscription(q: OrgScope, row: BillingRow, sub: Stripe.Subscription, now = new Date()) {
  const created = new Date(sub.created * 1000);
  const stored = row.stripe_subscription_id;
  if (
    stored && stored !== sub.id &&
    !outranks(
      { live: isLive(sub.status), created: created.getTime(), id: sub.id },
      { live: isLive(row.status), created: row.subscription_created_at?.getTime() ?? 0, id: stored },
    )
  ) return { written: false, enteredDunning: false };

  const item = sub.items.data.find((i) => planForPrice(i.price.id));
  if (!item) {
    throw new UnknownPrice(
      `subscription ${sub.id} has no price of a plan (${sub.items.data.map((i) => i.price.id).join(", ")}): ` +
        "set STRIPE_PRICE_PRO / STRIPE_PRICE_BUSINESS",
    );
  }
  const dunning = DUNNING_STATUSES.has(sub.status);
  const wasDunning = stored === sub.id && row.dunning_since !== null;
  const periodEnd = item.current_period_end ? new Date(item.current_period_end * 1000) : null;
  await q.updateTable("org_billing").set({
    stripe_subscription_id: sub.id,
    stripe_item_id: item.id,
    subscription_created_at: created,
    plan: planForPrice(item.price.id),
    status: sub.status,
    seats: item.quantity ?? 1,
    current_period_end: periodEnd,
    cancel_at_period_end: sub.cancel_at_period_end,
    cancel_at: sub.cancel_at ? new Date(sub.cancel_at * 1000) : null,
    dunning_since: dunning ? (wasDunning ? row.dunning_since : now) : null,
    updated_at: now,
  }).execute();
  return { written: true, enteredDunning: dunning && !wasDunning };
}

/**
 * Runs `change` on the org's live subscription under the row lock and writes what Stripe returns
 * (`change` returns null when there is nothing to change). False when the org has no live subscription.
 */
interface LiveSubscription {
  subscriptionId: string;
  itemId: string;
  row: BillingRow;
  q: OrgScope;
}

async function changeSubscription(
  orgId: string,
  change: (live: LiveSubscription) => Promise<Stripe.Subscription | null>,
) {
  return await withOrg({ orgId }, async (q) => {
    const row = await lockBillingRow(q);
    const { stripe_subscription_id: subscriptionId, stripe_item_id: itemId } = row;
    if (!subscriptionId || !itemId || !isLive(row.status)) return false;
    const sub = await change({ subscriptionId, itemId, row, q });
    if (sub) await writeSubscription(q, row, sub);
    return true;
  });
}

/**
 * Sets the subscription's quantity to the member count, prorated. Call it after a membership change
 * has committed (not inside `withOrg`). Without Stripe or a live subscription it does nothing; a
 * Stripe failure is logged and returns false (the billing page offers to sync again).
 */
export async function syncSeats(orgId: string): Promise<boolean> {
  const stripe = stripeClient();
  if (!stripe) return true;
  try {
    await changeSubscription(orgId, async ({ subscriptionId, itemId, row, q }) => {
      const seats = Math.max(1, await memberCount(q));
      if (seats === row.seats) return null;
      return await stripe.subscriptions.update(subscriptionId, {
        items: [{ id: itemId, quantity: seats }],
        proration_behavior: "create_prorations",
      });
    });
    return true;
  } catch (err) {
    console.error(`billing: seat sync for org ${orgId} failed:`, err instanceof Error ? err.message : err);
    return false;
  }
}

/** Moves a live subscription to another plan (same seats), prorated. Owners only. */
export async function changePlan(auth: AuthContext, plan: PaidPlanId): Promise<void> {
  requirePermission(auth.role, "billing.manage");
  const stripe = requireStripe();
  const changed = await forPerson(
    "plan change",
    () =>
      changeSubscription(auth.org.id, async ({ subscriptionId, itemId, row }) => {
        if (row.plan === plan) return null;
        return await stripe.subscriptions.update(subscriptionId, {
          items: [{ id: itemId, price: stripePriceId(plan) }],
          proration_behavior: "create_prorations",
        });
      }),
  );
  if (!changed) throw new BillingError("no_subscription");
}
