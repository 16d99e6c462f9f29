import { billingPath } from "@/lib/billing/limits.ts";
import { withQuery } from "@/lib/http/paths.ts";
import { planFormHandlers } from "@/lib/billing/plan_form.ts";
import { changePlan } from "@/lib/billing/subscription.ts";

/** Owner moves the live subscription to another plan, prorated. */
export const handler = planFormHandlers(async (auth, plan) => {
  await changePlan(auth, plan);
  return withQuery(billingPath(auth.org.slug), { plan: "changed" });
});
