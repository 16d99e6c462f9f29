/**
 * The plans, in one place: prices, Stripe price ids, limits and billing policy. The pricing page,
 * checkout, the webhook (price id → plan) and every limit check read this table.
 */

export const TRIAL_DAYS = 14;
/** Days a subscription may stay past due before the workspace turns read-only. */
export const GRACE_DAYS = 7;

export type PlanId = "free" | "pro" | "business";
export type PaidPlanId = Exclude<PlanId, "free">;
export type LimitKey =
  | "seats"
  | "records"
  | "pipelines"
  | "automationRules"
  | "apiCallsPerMonth"
  | "apiRequestsPerMinute";
/** `Infinity` means unlimited. */
export type Limits = Record<LimitKey, number>;

export interface Plan {
  id: PlanId;
  name: string;
  tagline: string;
  /** Per seat and month, in minor units of `currency`. */
  pricePerSeatMinor: number;
  currency: string;
  limits: Limits;
  features: string[];
}

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    tagline: "For a founder and a first hire finding their process.",
    pricePerSeatMinor: 0,
    currency: "USD",
    limits: {
      seats: 3,
      records: 1_000,
      pipelines: 1,
      automationRules: 3,
      apiCallsPerMonth: 10_000,
      apiRequestsPerMinute: 60,
    },
    features: ["Leads, contacts, companies and deals", "Kanban pipeline", "CSV export of every list"],
  },
  pro: {
    id: "pro",
    name: "Pro",
    tagline: "For sales teams that run several pipelines and automate the busywork.",
    pricePerSeatMinor: 2_900,
    currency: "USD",
    limits: {
      seats: 50,
      records: 100_000,
      pipelines: 10,
      automationRules: 100,
      apiCallsPerMonth: 1_000_000,
      apiRequestsPerMinute: 600,
    },
    features: ["Everything in Free", "Automation rules", "Reports and forecasts", "REST API and webhooks"],
  },
  business: {
    id: "business",
    name: "Business",
    tagline: "For larger teams that need room to grow and an audit trail.",
    pricePerSeatMinor: 5_900,
    currency: "USD",
    limits: {
      seats: Infinity,
      records: Infinity,
      pipelines: Infinity,
      automationRules: Infinity,
      apiCallsPerMonth: 10_000_000,
      apiRequestsPerMinute: 3_000,
    },
    features: ["Everything in Pro", "Unlimited seats, records and pipelines", "Audit log", "Priority support"],
  },
};

export const PAID_PLANS: PaidPlanId[] = ["pro", "business"];
/** The plan a trial runs on. */
export const TRIAL_PLAN: PaidPlanId = "pro";

export const LIMIT_LABELS: Record<LimitKey, [singular: string, plural: string]> = {
  seats: ["seat", "seats"],
  records: ["record", "records"],
  pipelines: ["pipeline", "pipelines"],
  automationRules: ["automation rule", "automation rules"],
  apiCallsPerMonth: ["API call a month", "API calls a month"],
  apiRequestsPerMinute: ["API request a minute", "API requests a minute"],
};

/**
 * The Stripe price (per seat, monthly) of a paid plan: `STRIPE_PRICE_PRO` / `STRIPE_PRICE_BUSINESS`,
 * or a default lookup-style id for local fakes.
 */
export function stripePriceId(plan: PaidPlanId): string {
  return Deno.env.get(`STRIPE_PRICE_${plan.toUpperCase()}`) || `price_${plan}_monthly`;
}

/** The paid plan a Stripe price id stands for, if any. */
export function planForPrice(priceId: string): PaidPlanId | null {
  return PAID_PLANS.find((p) => stripePriceId(p) === priceId) ?? null;
}

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 0 }).format(minor / 100);
}

export function formatLimit(key: LimitKey, value: number): string {
  if (value === Infinity) return `Unlimited ${LIMIT_LABELS[key][1]}`;
  return `${value.toLocaleString("en-US")} ${LIMIT_LABELS[key][value === 1 ? 0 : 1]}`;
}
