/**
 * The bell's poll: the unread count (capped) as JSON, with an ETag of the count and newest unread id, so a
 * poll that finds nothing new is a 304 with no body.
 */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { unreadSummary } from "@/lib/notifications/inbox.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async GET(req, ctx) {
    const { auth } = ctx.state;
    const summary = await withOrg(tenantOf(auth), (q) => unreadSummary(q, auth.user.id));
    const etag = `W/"${summary.count}-${summary.newest ?? "none"}"`;
    const headers = { etag, "cache-control": "private, no-cache" };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return Response.json(summary, { headers });
  },
};
