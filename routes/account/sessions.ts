import * as z from "zod";
import { clientMeta, recordAuthEvent } from "@/lib/auth/events.ts";
import { endSessions, type SessionUser } from "@/lib/auth/session.ts";
import { HttpError } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { readForm } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";

const EndSessions = z.union([
  z.object({ others: z.literal("1") }),
  z.object({ session: z.string().regex(/^[\w-]{1,64}$/) }),
]);

/** Ends one of the user's other sessions, or all of them. */
export const handler: Handlers<unknown, { user: SessionUser }> = {
  async POST(req, ctx) {
    const { user } = ctx.state;
    const form = EndSessions.safeParse(await readForm(req));
    if (!form.success) throw new HttpError(400, "Choose a session to end");
    const which = "others" in form.data ? { except: user.sessionHash } : { only: form.data.session };
    if (which.only === user.sessionHash) throw new HttpError(400, "To end this session, log out");
    await endSessions(user.id, which);
    await recordAuthEvent({ userId: user.id, email: user.email, action: "sessions_ended", meta: clientMeta(req, ctx) });
    return redirect(`/account?notice=${"others" in form.data ? "ended-others" : "ended"}`);
  },
};
