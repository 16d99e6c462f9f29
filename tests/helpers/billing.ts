/** Billing test setup: the app pointed at the Stripe fake, signed deliveries, and the stored billing state. */
import { sql } from "kysely";
import type Stripe from "stripe";
import { checkLimit, readOnlyReason } from "@/lib/billing/limits.ts";
import type { LimitKey } from "@/lib/billing/plans.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { services } from "@/lib/data/services.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { HttpError } from "@/lib/fresh/errors.ts";
import { type TestApp, testApp } from "./app.ts";
import { StripeFake } from "../fixtures/stripe_fake.ts";
import { drainJobs } from "./jobs.ts";

export interface BillingTestApp {
  app: TestApp;
  fake: StripeFake;
  /** Delivers one event to the webhook, signed; returns the status and the outcome. */
  deliver(event: Stripe.Event): Promise<{ status: number; outcome?: string }>;
  /** Delivers, in order, every event the fake recorded since the last call. */
  deliverNew(): Promise<void>;
  close(): Promise<void>;
}

export async function billingApp(): Promise<BillingTestApp> {
  const fake = StripeFake.start();
  const app = await testApp(fake.env());
  let delivered = 0;
  const deliver = async (event: Stripe.Event) => {
    const res = await app.client().fetch("/api/stripe/webhook", await fake.delivery(event));
    const body = await res.json();
    return { status: res.status, outcome: body.outcome };
  };
  return {
    app,
    fake,
    deliver,
    async deliverNew() {
      for (const event of fake.events.slice(delivered)) {
        const { status } = await deliver(event);
        if (status !== 200) throw new Error(`event ${event.id} (${event.type}) answered ${status}`);
      }
      delivered = fake.events.length;
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
}

/** The org's stored subscription state (what the webhook writes), without bookkeeping columns. */
export async function billingState(orgId: string) {
  const row = await withOrg({ orgId }, (q) => q.selectFrom("org_billing").selectAll().executeTakeFirst());
  if (!row) return null;
  const { updated_at: _updated, ...state } = row;
  return state;
}

/** The emails delivered to `address`, oldest first, once the jobs due have run. */
export async function emailsTo(address: string) {
  await drainJobs();
  return await services().db.selectFrom("emails").select(["subject", "text_body"])
    .where("to_address", "=", address).where("sent_at", "is not", null).orderBy("created_at").execute();
}

/** Moves the org's creation date back, as if it had been created `days` ago. */
export async function ageOrg(orgId: string, days: number) {
  await sql`update orgs set created_at = now() - make_interval(days => ${days}) where id = ${orgId}`
    .execute(services().db);
}

/** Throws what the plan limit check throws when the org holds `currentCount` of `limit` and would add `adding`. */
export async function assertWithinLimit(
  org: string | OrgScope,
  limit: Exclude<LimitKey, "seats">,
  currentCount: number,
  adding = 1,
): Promise<void> {
  checkLimit(await billingStatus(org), limit, currentCount + adding);
}

/** Throws the 402 an org's pages answer to a change while the org is read-only. */
export async function assertWritable(orgId: string): Promise<void> {
  const reason = readOnlyReason(await billingStatus(orgId));
  if (reason) throw new HttpError(402, reason);
}

/** A subscription past due for `days` (by default past the 7-day grace, so the org is read-only), billed for `seats`. */
export async function pastDue(orgId: string, seats: number, days = 8): Promise<void> {
  await withOrg({ orgId }, (q) =>
    q.insertInto("org_billing", {
      stripe_customer_id: `cus_${crypto.randomUUID()}`,
      stripe_subscription_id: "sub_1",
      stripe_item_id: "si_1",
      plan: "pro",
      status: "past_due",
      seats,
      dunning_since: new Date(Date.now() - days * 86_400_000),
    }).execute());
}
