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
    return redirect("/login?notice=ended", { "set-cookie": clearSessionCookie() });
  },
};
