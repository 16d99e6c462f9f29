import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { billingPath } from "@/lib/billing/limits.ts";
import { syncSeats } from "@/lib/billing/subscription.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { withQuery } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";

/** Owner re-syncs billed seats with members (after a sync that Stripe could not take). */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "billing.manage");
    const page = billingPath(auth.org.slug);
    return redirect(
      withQuery(page, await syncSeats(auth.org.id) ? { seats: "synced" } : { error: "stripe_unavailable" }),
    );
  },
};
