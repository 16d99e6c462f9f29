/** The bell's panel: the latest notifications as JSON (who, what, link, read or not). */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { inboxPage } from "@/lib/notifications/inbox.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

const PANEL_SIZE = 8;

export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const page = await withOrg(
      tenantOf(auth),
      (q) => inboxPage(q, auth.user.id, { before: null, unread: false, size: PANEL_SIZE }),
    );
    return Response.json({ items: page.items }, { headers: { "cache-control": "private, no-store" } });
  },
};
