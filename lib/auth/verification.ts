/** Email verification: a mailed single-use link proves the user reads the address. */
import { sendEmail } from "../email/send.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { consumeUserToken, issueUserToken } from "./user_tokens.ts";

export async function sendVerification(user: { id: string; email: string; name: string }): Promise<void> {
  const token = await issueUserToken(user.id, "verify_email");
  const link = appUrl(`/verify?token=${encodeURIComponent(token)}`);
  await sendEmail({ to: user.email, ...messages.verifyEmail(user.name, link) });
}

/** Marks the token's user verified; false when the link is unknown, used or expired. */
export async function verifyEmail(token: string, meta: ClientMeta): Promise<boolean> {
  const used = await consumeUserToken(token, "verify_email");
  if (!used) return false;
  const user = await services().db.updateTable("users").set({ email_verified_at: new Date() })
    .where("id", "=", used.userId)
    .returning(["id", "email"])
    .executeTakeFirst();
  if (user) await recordAuthEvent({ userId: user.id, email: user.email, action: "email_verified", meta });
  return !!user;
}
