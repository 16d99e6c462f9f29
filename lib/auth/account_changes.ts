/** Changes a signed-in user makes to their own account, each after re-entering the password. */
import { sql } from "kysely";
import { queueEmail } from "../email/jobs.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { asPlatform } from "../data/scope.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import type { SessionUser } from "./session.ts";
import { consumeUserToken, issueUserToken } from "./user_tokens.ts";

async function passwordMatches(userId: string, password: string): Promise<boolean> {
  const row = await services().db.selectFrom("users").select("password_hash").where("id", "=", userId)
    .executeTakeFirst();
  return !!row && await verifyPassword(password, row.password_hash);
}

/** Sets a new password and ends the user's other sessions; false when `current` is wrong. */
export async function changePassword(
  user: SessionUser,
  input: { current: string; password: string },
  meta: ClientMeta,
): Promise<boolean> {
  if (!await passwordMatches(user.id, input.current)) return false;
  const password_hash = await hashPassword(input.password);
  await asPlatform(async (q) => {
    await q.trx.updateTable("users").set({ password_hash }).where("id", "=", user.id).execute();
    await q.trx.deleteFrom("sessions").where("user_id", "=", user.id).where("token_hash", "!=", user.sessionHash)
      .execute();
    await queueEmail(q, { to: user.email, ...messages.passwordChanged(user.name) });
  });
  await recordAuthEvent({ userId: user.id, email: user.email, action: "password_changed", meta });
  return true;
}

/**
 * Mails a confirmation link to the new address (or, when it already has an account, a note that
 * says so, without telling the requester); false when the password is wrong.
 */
export async function requestEmailChange(
  user: SessionUser,
  input: { password: string; email: string },
  meta: ClientMeta,
): Promise<boolean> {
  if (!await passwordMatches(user.id, input.password)) return false;
  await asPlatform(async (q) => {
    const taken = await q.trx.selectFrom("users").select("id")
      .where((eb) => eb(eb.fn("lower", [eb.ref("email")]), "=", input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken) {
      await queueEmail(q, { to: input.email, ...messages.newEmailTaken() });
    } else {
      const token = await issueUserToken(q.trx, user.id, "change_email", input.email);
      const link = appUrl(`/account/email/confirm?token=${encodeURIComponent(token)}`);
      await queueEmail(q, { to: input.email, ...messages.confirmNewEmail(user.name, link) });
    }
  });
  await recordAuthEvent({ userId: user.id, email: user.email, action: "email_change_requested", meta });
  return true;
}

/** Applies a confirmed email change; false for a bad link or an address taken meanwhile. */
export async function confirmEmailChange(token: string, meta: ClientMeta): Promise<boolean> {
  const changed = await asPlatform(async (q) => {
    const used = await consumeUserToken(token, "change_email", q.trx);
    if (!used) return null;
    const before = await q.trx.selectFrom("users").select(["email", "name"]).where("id", "=", used.userId)
      .executeTakeFirst();
    const updated = await q.trx.updateTable("users")
      .set({ email: used.payload, email_verified_at: new Date() })
      .where("id", "=", used.userId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(
          selectFrom("users as other").select("other.id")
            .where(sql<boolean>`lower(other.email) = lower(${used.payload})`)
            .where("other.id", "!=", used.userId),
        ))
      )
      .returning("id")
      .executeTakeFirst();
    if (!updated || !before) return null;
    await queueEmail(q, { to: before.email, ...messages.emailChanged(before.name, used.payload) });
    return { userId: used.userId, email: used.payload };
  }).catch((err) => {
    // A concurrent claim of the address hits the unique index (and rolls the whole change back).
    if ((err as { code?: string }).code === "23505") return null;
    throw err;
  });
  if (!changed) return false;
  await recordAuthEvent({ userId: changed.userId, email: changed.email, action: "email_changed", meta });
  return true;
}
