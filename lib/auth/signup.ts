/** Sign-up and log-in: the two ways to get a session from credentials. */
import { sendEmail } from "../email/send.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { checkCredentials, createAccount, EmailTaken, type NewAccount } from "./accounts.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { createSession } from "./session.ts";
import { sendVerification } from "./verification.ts";

/**
 * Creates the account, mails a verification link and returns a session token. For an address
 * that already has an account it mails that address instead and returns null; the caller answers
 * both alike (same page, same time: the password is hashed either way), so sign-up does not tell
 * who has an account.
 */
export async function signUp(input: NewAccount, meta: ClientMeta): Promise<string | null> {
  try {
    const user = await createAccount(input);
    await sendVerification(user);
    await recordAuthEvent({ userId: user.id, email: user.email, action: "signup", meta });
    return await createSession(user.id, meta);
  } catch (err) {
    if (!(err instanceof EmailTaken)) throw err;
    await sendEmail({ to: input.email, ...messages.accountExists(appUrl("/login")) });
    return null;
  }
}

/** A new session token for valid credentials (replacing the caller's old session), or null. */
export async function logIn(
  input: { email: string; password: string },
  meta: ClientMeta,
  replacing: string | null,
): Promise<string | null> {
  const user = await checkCredentials(input.email, input.password);
  if (!user) {
    const known = await services().db.selectFrom("users").select("id")
      .where((eb) => eb(eb.fn("lower", [eb.ref("email")]), "=", input.email.toLowerCase()))
      .executeTakeFirst();
    await recordAuthEvent({ userId: known?.id ?? null, email: input.email, action: "login_failed", meta });
    return null;
  }
  const token = await createSession(user.id, meta, replacing);
  await recordAuthEvent({ userId: user.id, email: user.email, action: "login", meta });
  return token;
}
