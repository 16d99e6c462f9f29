import { guard, NotSignedIn } from "@/lib/auth/guard.ts";
import { assertRequestAllowed } from "@/lib/billing/limits.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { HttpError } from "@/lib/fresh/errors.ts";
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
  try {
    assertRequestAllowed(ctx.state.billing, req.method, ctx.url.pathname);
    return await ctx.next();
  } catch (err) {
    return await refusalInShell(req, ctx, err);
  }
}

/**
 * A refusal (403, 402 read-only, 409…) of a page is explained inside the app's frame, which the layout draws
 * around it instead of the page. Not-found, API clients and routes without a page of their own (where the
 * render throws) get the runtime's answer.
 */
async function refusalInShell(req: Request, ctx: FreshContext, err: unknown): Promise<Response> {
  if (!(err instanceof HttpError) || err.status === 404) throw err;
  if ((req.headers.get("accept") ?? "").includes("application/json")) throw err;
  ctx.state.refusal = { status: err.status, message: err.message };
  try {
    return await ctx.render(undefined, { status: err.status, headers: err.headers });
  } catch {
    throw err;
  }
}
