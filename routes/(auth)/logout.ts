import { clientMeta, recordAuthEvent } from "@/lib/auth/events.ts";
import { clearSessionCookie, endSession, sessionUser } from "@/lib/auth/session.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

export const handler: Handlers = {
  async POST(req, ctx) {
    const user = await sessionUser(req);
    await endSession(req);
    if (user) {
      await recordAuthEvent({ userId: user.id, email: user.email, action: "logout", meta: clientMeta(req, ctx) });
    }
    // Back after logout must not show a cached page of the session that ended.
    return redirect("/login?notice=ended", { "set-cookie": clearSessionCookie(), "clear-site-data": '"cache"' });
  },
};
