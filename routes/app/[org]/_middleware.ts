import { guard, NotSignedIn } from "@/lib/auth/guard.ts";
import { assertRequestAllowed } from "@/lib/billing/limits.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

/**
 * Every page under /app/[org] runs as a member of that org, resolved by the one guard, with the
 * org's billing standing (for the banner, and to refuse changes while it is read-only).
 */
export async function handler(req: Request, ctx: FreshContext) {
  try {
    const { alongside: billing, ...auth } = await guard(req, ctx.params.org, "MEMBER", (q) => billingStatus(q));
    ctx.state.auth = auth;
    ctx.state.billing = billing;
  } catch (err) {
    if (err instanceof NotSignedIn) {
      return redirect(`/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
    }
    throw err;
  }
  assertRequestAllowed(ctx.state.billing, req.method, ctx.url.pathname);
  return await ctx.next();
}
