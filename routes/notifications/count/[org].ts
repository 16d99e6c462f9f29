/**
 * The bell's poll: the unread count (capped) as JSON, with an ETag of the count and newest unread id, so a
 * poll that finds nothing new is a 304 with no body. Outside /app/[org] on purpose: the guard reads the count in
 * its own tenant transaction (one transaction per poll), without the workspace pages' billing standing.
 */
import { guard, NotSignedIn } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { unreadSummary } from "@/lib/notifications/inbox.ts";

export const handler: Handlers = {
  async GET(req, ctx) {
    let summary;
    try {
      summary = (await guard(req, ctx.params.org, "MEMBER", (q, auth) => unreadSummary(q, auth.user.id))).alongside;
    } catch (err) {
      if (err instanceof NotSignedIn) return redirect(`/login?next=${encodeURIComponent(orgPath(ctx.params.org))}`);
      throw err;
    }
    const etag = `W/"${summary.count}-${summary.newest ?? "none"}"`;
    const headers = { etag, "cache-control": "private, no-cache" };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return Response.json(summary, { headers });
  },
};
