/** Sign-up and log-in: the two ways to get a session from credentials. */
import { queueEmail } from "../email/jobs.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { asPlatform } from "../data/scope.ts";
import { checkCredentials, createAccount, EmailTaken, type NewAccount } from "./accounts.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { createSession, readCookie, readSessionToken, sessionCookie } from "./session.ts";
import { hashToken, newToken } from "./tokens.ts";
import { queueVerification } from "./verification.ts";

export const SIGNUP_COOKIE = "__Host-nexa_signup";
const SIGNUP_TTL_S = 48 * 3600;

const signupCookie = (value: string, maxAge = SIGNUP_TTL_S) =>
  `${SIGNUP_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAge}`;

/**
 * Starts a sign-up and returns the cookie to set. A new address gets its account and a confirmation
 * link (carrying `next`) that signs in this browser only: the cookie's random value, hashed, is bound
 * to the link, so a link sent to someone else cannot sign them into a stranger's account. An address
 * that already has an account gets an email saying so instead. The requester cannot tell the two
 * apart: same redirect, a cookie of the same shape, the password hashed either way, no session.
 */
export async function signUp(input: NewAccount, meta: ClientMeta, next: string): Promise<string> {
  const binding = newToken();
  const bindingHash = await hashToken(binding);
  const user = await asPlatform(async (q) => {
    const user = await createAccount(input, {}, q.trx).catch((err) => {
      if (err instanceof EmailTaken) return null;
      throw err;
    });
    if (user) await queueVerification(q, user, { next, binding: bindingHash });
    else await queueEmail(q, { to: input.email, ...messages.accountExists(appUrl("/login")) });
    return user;
  });
  if (user) await recordAuthEvent({ userId: user.id, email: user.email, action: "signup", meta });
  return signupCookie(binding);
}

/**
 * After a confirmation link is followed: the cookies that sign this browser in as `verified` when it
 * is the browser that signed up (its sign-up cookie matches the link's binding), else none.
 */
export async function signInAfterVerify(
  req: Request,
  verified: { id: string; binding: string },
  meta: ClientMeta,
): Promise<string[]> {
  const cookie = readCookie(req, SIGNUP_COOKIE);
  if (!cookie || !verified.binding || await hashToken(cookie) !== verified.binding) return [];
  const token = await createSession(verified.id, meta, readSessionToken(req));
  return [sessionCookie(token), signupCookie("", 0)];
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
