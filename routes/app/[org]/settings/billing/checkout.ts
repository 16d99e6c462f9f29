import { startCheckout } from "@/lib/billing/checkout.ts";
import { planFormHandlers } from "@/lib/billing/plan_form.ts";

/** Owner picks a plan → Stripe's hosted Checkout. */
export const handler = planFormHandlers(startCheckout);
