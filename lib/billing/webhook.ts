/**
 * Stripe's webhook. Each event is verified, handled once (its id stored in the same transaction as
 * the state it writes) and, whatever its type or age, answered by re-reading the subscription from
 * Stripe under the org's row lock and writing its whole state: deliveries in any order and any
 * number of times end in the same state.
 */
import { withOrg } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { orgForCustomer } from "./customer.ts";
import { type Notice, queueNotices } from "./notify.ts";
import { billingStatus } from "./status.ts";
import { cryptoProvider, idOf, type Stripe, stripeClient } from "./stripe.ts";
import { lockBillingRow, writeSubscription } from "./subscription.ts";

const MAX_BODY_BYTES = 1024 * 1024;

export type Outcome = "processed" | "duplicate" | "ignored";

/** The subscription and customer an event is about, for the event types we act on. */
function subjectOf(event: Stripe.Event): { subscriptionId: string | null; customerId: string | null } | null {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      return session.mode === "subscription"
        ? { subscriptionId: idOf(session.subscription), customerId: idOf(session.customer) }
        : null;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
    case "customer.subscription.trial_will_end":
      return { subscriptionId: event.data.object.id, customerId: idOf(event.data.object.customer) };
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.payment_action_required": {
      const invoice = event.data.object;
      return {
        subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
        customerId: idOf(invoice.customer),
      };
    }
    default:
      return null;
  }
}

export async function processEvent(stripe: Stripe, event: Stripe.Event, now = new Date()): Promise<Outcome> {
  const subject = subjectOf(event);
  const { subscriptionId, customerId } = subject ?? {};
  if (!subscriptionId || !customerId) return "ignored";
  const orgId = await orgForCustomer(customerId);
  if (!orgId) {
    console.warn(`billing: Stripe event ${event.id} is about customer ${customerId}, who is no org's; ignored`);
    return "ignored";
  }
  const result = await withOrg({ orgId }, async (q) => {
    const first = await q.trx.insertInto("billing_events")
      .values({ id: event.id, type: event.type, created_at: new Date(event.created * 1000) })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!first) return null;
    const row = await lockBillingRow(q);
    const sub = await stripe.subscriptions.retrieve(subscriptionId);
    const { written, enteredDunning } = await writeSubscription(q, row, sub, now);
    const unpaid = sub.status !== "active" && sub.status !== "trialing";
    const notices: Notice[] = [];
    if (written && enteredDunning) notices.push({ kind: "payment_failed" });
    if (written && event.type === "invoice.payment_action_required" && unpaid) {
      notices.push({ kind: "action_required", invoiceUrl: event.data.object.hosted_invoice_url ?? null });
    }
    if (written && event.type === "customer.subscription.trial_will_end" && sub.status === "trialing") {
      notices.push({ kind: "trial_will_end", trialEnd: sub.trial_end ? new Date(sub.trial_end * 1000) : null });
    }
    // Queued with the state they report: a rolled-back event sends nothing.
    if (notices.length) await queueNotices(q, notices, await billingStatus(q, now));
    return true;
  });
  return result ? "processed" : "duplicate";
}

/** The endpoint: 400 for a bad signature, 500 (logged) when unconfigured or failing, 200 otherwise. */
export async function handleStripeWebhook(req: Request): Promise<Response> {
  const stripe = stripeClient();
  const secret = services().config.STRIPE_WEBHOOK_SECRET;
  if (!stripe || !secret) {
    console.error("billing: Stripe webhook refused: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
    return Response.json({ error: "Stripe webhooks are not configured" }, { status: 500 });
  }
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: "Payload too large" }, { status: 413 });
  }
  const body = await req.text();
  let event: Stripe.Event;
  try {
    event = await stripe.webhooks.constructEventAsync(
      body,
      req.headers.get("stripe-signature") ?? "",
      secret,
      undefined,
      cryptoProvider,
    );
  } catch {
    return Response.json({ error: "Invalid Stripe signature" }, { status: 400 });
  }
  try {
    return Response.json({ received: true, outcome: await processEvent(stripe, event) });
  } catch (err) {
    console.error(`billing: Stripe event ${event.id} (${event.type}) failed:`, err);
    return Response.json({ error: "Event could not be processed" }, { status: 500 });
  }
}
