/** Account security events (sign-ins, failed sign-ins, password and email changes). */
import { services } from "../data/services.ts";

export interface ClientMeta {
  ip: string;
  userAgent: string;
}

/** Who is asking, as recorded on sessions and events. */
export function clientMeta(req: Request, ctx: { remoteAddr: string }): ClientMeta {
  return { ip: ctx.remoteAddr, userAgent: (req.headers.get("user-agent") ?? "").slice(0, 300) };
}

export type AuthAction =
  | "signup"
  | "login"
  | "login_failed"
  | "logout"
  | "email_verified"
  | "password_reset_requested"
  | "password_reset"
  | "password_changed"
  | "email_change_requested"
  | "email_changed"
  | "sessions_ended";

export async function recordAuthEvent(
  e: { userId: string | null; email: string; action: AuthAction; meta: ClientMeta },
): Promise<void> {
  await services().db.insertInto("auth_events").values({
    user_id: e.userId,
    email: e.email.slice(0, 254),
    action: e.action,
    ip: e.meta.ip,
    user_agent: e.meta.userAgent,
  }).execute();
}
