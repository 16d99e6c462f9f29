import { sessionUser } from "@/lib/auth/session.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

/** The account pages are the signed-in user's own; anyone else is sent to log in. */
export async function handler(req: Request, ctx: FreshContext) {
  const user = await sessionUser(req);
  if (!user) return redirect(`/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
  ctx.state.user = user;
  return await ctx.next();
}
