/** Forgotten passwords: a mailed single-use link that sets a new password and ends every session. */
import { queueEmail } from "../email/jobs.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { asPlatform } from "../data/scope.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { hashPassword } from "./password.ts";
import { consumeUserToken, issueUserToken } from "./user_tokens.ts";

/** Mails a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(email: string, meta: ClientMeta): Promise<void> {
  const user = await services().db.selectFrom("users").select(["id", "email", "name"])
    .where((eb) => eb(eb.fn("lower", [eb.ref("email")]), "=", email.toLowerCase()))
    .executeTakeFirst();
  if (!user) return;
  await asPlatform(async (q) => {
    const token = await issueUserToken(q.trx, user.id, "reset_password");
    await queueEmail(q, {
      to: user.email,
      ...messages.resetPassword(user.name, appUrl(`/reset-password?token=${encodeURIComponent(token)}`)),
    });
  });
  await recordAuthEvent({ userId: user.id, email: user.email, action: "password_reset_requested", meta });
}

/**
 * Sets the new password when the token is good (once, before it expires); every session of the
 * user ends. Following the link also proves the address, so it counts as verified.
 */
export async function resetPassword(token: string, password: string, meta: ClientMeta): Promise<boolean> {
  const password_hash = await hashPassword(password);
  const used = await consumeUserToken(token, "reset_password");
  if (!used) return false;
  const { db } = services();
  const user = await db.transaction().execute(async (trx) => {
    const user = await trx.updateTable("users")
      .set((eb) => ({ password_hash, email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(new Date())) }))
      .where("id", "=", used.userId)
      .returning(["id", "email"])
      .executeTakeFirst();
    await trx.deleteFrom("sessions").where("user_id", "=", used.userId).execute();
    return user;
  });
  if (user) await recordAuthEvent({ userId: user.id, email: user.email, action: "password_reset", meta });
  return !!user;
}
