import assert from "node:assert/strict";
import { readOnlyReason } from "@/lib/billing/limits.ts";
import { planForPrice, stripePriceId } from "@/lib/billing/plans.ts";
import { type BillingRow, resolveStatus } from "@/lib/billing/status.ts";

const DAY = 86_400_000;
const created = new Date("2026-01-01T00:00:00Z");
const org = { id: "00000000-0000-0000-0000-000000000001", slug: "acme", name: "Acme", created_at: created };
const at = (days: number) => new Date(created.getTime() + days * DAY);

function row(patch: Partial<BillingRow>): BillingRow {
  return {
    org_id: org.id,
    stripe_customer_id: "cus_1",
    stripe_subscription_id: "sub_1",
    stripe_item_id: "si_1",
    subscription_created_at: at(3),
    plan: "business",
    status: "active",
    seats: 4,
    current_period_end: at(33),
    cancel_at_period_end: false,
    cancel_at: null,
    dunning_since: null,
    updated_at: at(3),
    ...patch,
  };
}

Deno.test("status: no row is a trial counting down, then Free", () => {
  assert.deepEqual(
    [0, 1, 13.5, 14, 40].map((d) => {
      const s = resolveStatus(org, undefined, at(d));
      return [s.standing, s.plan.id, s.trialDaysLeft];
    }),
    [["trial", "pro", 14], ["trial", "pro", 13], ["trial", "pro", 1], ["free", "free", 0], ["free", "free", 0]],
  );
  const customerOnly = resolveStatus(org, row({ stripe_subscription_id: null, status: null, plan: null }), at(20));
  assert.equal(customerOnly.standing, "free");
  assert.equal(customerOnly.customerId, "cus_1");
});

Deno.test("status: a paying subscription's plan applies; ended or incomplete ones fall back", () => {
  assert.equal(resolveStatus(org, row({}), at(40)).plan.id, "business");
  for (const status of ["canceled", "incomplete", "incomplete_expired", "paused"]) {
    const s = resolveStatus(org, row({ status }), at(40));
    assert.equal(s.plan.id, "free", status);
    assert.equal(s.subscription?.live, status !== "canceled" && status !== "incomplete_expired", status);
  }
  assert.equal(resolveStatus(org, row({ status: "canceled" }), at(5)).standing, "trial");
});

Deno.test("status: past due is a grace period, then read-only, with a reason", () => {
  const failing = row({ status: "past_due", dunning_since: at(20) });
  const grace = resolveStatus(org, failing, at(26));
  assert.equal(grace.plan.id, "business");
  assert.deepEqual(grace.dunning, { since: at(20), readOnlyFrom: at(27), readOnly: false });
  assert.equal(readOnlyReason(grace), null);
  const locked = resolveStatus(org, failing, at(27));
  assert.equal(locked.dunning?.readOnly, true);
  assert.match(readOnlyReason(locked)!, /since 2026-01-21.*\/app\/acme\/settings\/billing/);
  assert.equal(resolveStatus(org, row({ status: "active", dunning_since: at(20) }), at(40)).dunning, null);
});

Deno.test("plans: price ids map back to plans", () => {
  assert.equal(stripePriceId("pro"), "price_pro_monthly");
  assert.equal(planForPrice("price_business_monthly"), "business");
  assert.equal(planForPrice("price_unknown"), null);
});
