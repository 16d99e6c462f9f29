import { handleStripeWebhook } from "@/lib/billing/webhook.ts";
import type { Handlers, RouteConfig } from "@/lib/fresh/types.ts";

/** Stripe calls this; the signature, not the origin, authenticates it. */
export const config: RouteConfig = { csrf: false };

export const handler: Handlers = {
  POST: (req) => handleStripeWebhook(req),
};
