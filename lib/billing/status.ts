/**
 * An org's billing standing, derived from its creation date and its billing row (no row = trial):
 * which plan's limits apply, days of trial left, the subscription as last read from Stripe, and
 * dunning (payment failing → grace period → read-only).
 */
import type { Selectable } from "kysely";
import type { OrgBillingTable } from "@/db/schema.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { apiCallsThisMonth } from "./usage.ts";
import { GRACE_DAYS, type PaidPlanId, type Plan, PLANS, TRIAL_DAYS, TRIAL_PLAN } from "./plans.ts";

export type BillingRow = Selectable<OrgBillingTable>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Stripe statuses in which the subscription's plan applies. */
const PAID_STATUSES = new Set(["active", "trialing", "past_due", "unpaid"]);
/** Statuses in which payment is failing. */
export const DUNNING_STATUSES = new Set(["past_due", "unpaid"]);
/** Statuses after which a subscription never bills again. */
const ENDED_STATUSES = new Set(["canceled", "incomplete_expired"]);

export function isLive(status: string | null): boolean {
  return status !== null && !ENDED_STATUSES.has(status);
}

export interface BillingStatus {
  org: { id: string; slug: string; name: string };
  /** The plan whose limits apply now. */
  plan: Plan;
  standing: "trial" | "subscribed" | "free";
  trialEndsAt: Date;
  trialDaysLeft: number;
  customerId: string | null;
  /** The org's subscription as last read from Stripe, ended or not. */
  subscription: {
    id: string;
    status: string;
    plan: PaidPlanId;
    seats: number;
    currentPeriodEnd: Date | null;
    cancelAtPeriodEnd: boolean;
    cancelAt: Date | null;
    live: boolean;
  } | null;
  dunning: { since: Date; readOnlyFrom: Date; readOnly: boolean } | null;
}

export interface OrgRow {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
}

export function resolveStatus(org: OrgRow, row: BillingRow | undefined, now = new Date()): BillingStatus {
  const trialEndsAt = new Date(org.created_at.getTime() + TRIAL_DAYS * DAY_MS);
  const trialDaysLeft = Math.max(0, Math.ceil((trialEndsAt.getTime() - now.getTime()) / DAY_MS));
  const subscription = row?.stripe_subscription_id && row.status && row.plan
    ? {
      id: row.stripe_subscription_id,
      status: row.status,
      plan: row.plan,
      seats: row.seats,
      currentPeriodEnd: row.current_period_end,
      cancelAtPeriodEnd: row.cancel_at_period_end,
      cancelAt: row.cancel_at,
      live: isLive(row.status),
    }
    : null;
  const paid = subscription && PAID_STATUSES.has(subscription.status) ? subscription : null;
  const standing = paid ? "subscribed" : trialDaysLeft > 0 ? "trial" : "free";
  const since = paid && DUNNING_STATUSES.has(paid.status) ? row?.dunning_since ?? null : null;
  const readOnlyFrom = since && new Date(since.getTime() + GRACE_DAYS * DAY_MS);
  return {
    org: { id: org.id, slug: org.slug, name: org.name },
    plan: PLANS[paid ? paid.plan : standing === "trial" ? TRIAL_PLAN : "free"],
    standing,
    trialEndsAt,
    trialDaysLeft,
    customerId: row?.stripe_customer_id ?? null,
    subscription,
    dunning: since && readOnlyFrom ? { since, readOnlyFrom, readOnly: now >= readOnlyFrom } : null,
  };
}

/** Runs `fn` in the caller's org scope (inside its transaction) or in a new one for an org id. */
export async function inOrg<R>(org: string | OrgScope, fn: (q: OrgScope) => Promise<R>): Promise<R> {
  return typeof org === "string" ? await withOrg({ orgId: org }, fn) : await fn(org);
}

export async function billingStatus(org: string | OrgScope, now = new Date()): Promise<BillingStatus> {
  return await inOrg(org, async (q) => {
    const row = await q.trx.selectFrom("orgs")
      .leftJoin("org_billing", "org_billing.org_id", "orgs.id")
      .select(["orgs.id", "orgs.slug", "orgs.name", "orgs.created_at"])
      .selectAll("org_billing")
      .where("orgs.id", "=", q.orgId)
      .executeTakeFirstOrThrow();
    return resolveStatus(row, row.org_id ? row as BillingRow : undefined, now);
  });
}

/** Seats in use: members. */
export async function memberCount(q: OrgScope): Promise<number> {
  const { n } = await q.selectFrom("memberships").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** What the billing page shows: the standing, the seats in use and this month's API calls. */
export async function billingOverview(orgId: string) {
  return await withOrg({ orgId }, async (q) => ({
    status: await billingStatus(q),
    members: await memberCount(q),
    apiCalls: await apiCallsThisMonth(q),
  }));
}
