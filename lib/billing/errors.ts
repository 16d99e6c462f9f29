/**
 * Billing failures a person can act on. Form routes turn them into `?error=<code>` on the billing
 * page (a code, never free text, in the URL); the page shows the message.
 */
import { HttpError } from "../fresh/errors.ts";
import { withQuery } from "../http/paths.ts";
import { redirect } from "../http/redirect.ts";

const MESSAGES = {
  not_configured: [503, "Online payment is not set up for this workspace yet; contact support to change plans."],
  already_subscribed: [409, "This workspace already has a subscription: change it with “Manage billing”."],
  no_customer: [409, "There is no billing account yet: choose a plan first."],
  no_subscription: [409, "There is no active subscription to change."],
  stripe_unavailable: [502, "Stripe could not be reached. Nothing was charged: please try again in a minute."],
} as const satisfies Record<string, readonly [number, string]>;

export type BillingErrorCode = keyof typeof MESSAGES;

export class BillingError extends HttpError {
  constructor(readonly code: BillingErrorCode) {
    super(MESSAGES[code][0], MESSAGES[code][1]);
  }
}

export function billingErrorMessage(code: string | null): string | null {
  return code && Object.hasOwn(MESSAGES, code) ? MESSAGES[code as BillingErrorCode][1] : null;
}

/** For billing form routes: a billing failure goes back to the page with its code; anything else propagates. */
export function billingFailure(err: unknown, pagePath: string): Response {
  if (err instanceof BillingError) return redirect(withQuery(pagePath, { error: err.code }));
  throw err;
}
