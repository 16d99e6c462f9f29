import { guard, NotSignedIn } from "@/lib/auth/guard.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

/** Every page under /app/[org] runs as a member of that org, resolved by the one guard. */
export async function handler(req: Request, ctx: FreshContext) {
  try {
    ctx.state.auth = await guard(req, ctx.params.org);
  } catch (err) {
    if (err instanceof NotSignedIn) {
      return redirect(`/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
    }
    throw err;
  }
  return await ctx.next();
}
