import type { AuthContext } from "@/lib/auth/guard.ts";
import { openPortal } from "@/lib/billing/checkout.ts";
import { billingFailure } from "@/lib/billing/errors.ts";
import { billingPath } from "@/lib/billing/limits.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

/** Owner → Stripe's billing portal (card, invoices, plan, cancellation). */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    try {
      return redirect(await openPortal(auth));
    } catch (err) {
      return billingFailure(err, billingPath(auth.org.slug));
    }
  },
};
