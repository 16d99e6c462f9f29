/** Email verification: a mailed single-use link proves the user reads the address. */
import { queueEmail } from "../email/jobs.ts";
import { appUrl, messages } from "../email/messages.ts";
import { services } from "../data/services.ts";
import { asPlatform, type PlatformScope } from "../data/scope.ts";
import { type ClientMeta, recordAuthEvent } from "./events.ts";
import { consumeUserToken, issueUserToken } from "./user_tokens.ts";

type Recipient = { id: string; email: string; name: string };
type LinkOptions = { next?: string; binding?: string };

/**
 * Queues a confirmation link in `q`'s transaction. `next` rides along in the link (where to continue);
 * `binding` (stored with the token) is the hash of the sign-up cookie of the browser that may be signed in by it.
 */
export async function queueVerification(q: PlatformScope, user: Recipient, opts: LinkOptions = {}): Promise<void> {
  const token = await issueUserToken(q.trx, user.id, "verify_email", opts.binding ?? "");
  const next = opts.next ? `&next=${encodeURIComponent(opts.next)}` : "";
  const link = appUrl(`/verify?token=${encodeURIComponent(token)}${next}`);
  await queueEmail(q, { to: user.email, ...messages.verifyEmail(user.name, link) });
}

/** Mails a new confirmation link (an earlier one stops working). */
export async function sendVerification(user: Recipient, opts: LinkOptions = {}): Promise<void> {
  await asPlatform((q) => queueVerification(q, user, opts));
}

/** Marks the token's user verified: the user and the token's binding, or null when the link is unknown, used or expired. */
export async function verifyEmail(
  token: string,
  meta: ClientMeta,
): Promise<{ id: string; email: string; binding: string } | null> {
  const used = await consumeUserToken(token, "verify_email");
  if (!used) return null;
  const user = await services().db.updateTable("users").set({ email_verified_at: new Date() })
    .where("id", "=", used.userId)
    .returning(["id", "email"])
    .executeTakeFirst();
  if (!user) return null;
  await recordAuthEvent({ userId: user.id, email: user.email, action: "email_verified", meta });
  return { ...user, binding: used.payload };
}
