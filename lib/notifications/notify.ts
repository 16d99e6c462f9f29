/**
 * The one way a notification is made: for a member of the org, by their preference for its type — a row
 * for the bell and the inbox, an email (plain text, a link, one-click unsubscribe per RFC 8058), both or
 * nothing. Automation's "notify" action and every event listener come through here.
 */
import type { OrgScope } from "../data/scope.ts";
import { queueEmail } from "../email/jobs.ts";
import type { EmailMessage } from "../email/send.ts";
import { appUrl } from "../email/messages.ts";
import { orgPath } from "../http/paths.ts";
import { preferencesOf } from "./preferences.ts";
import { type NotificationTypeId, sendsEmail, showsInApp } from "./types.ts";
import { unsubscribeToken } from "./unsubscribe.ts";

export interface Notification {
  recipientId: string;
  type: NotificationTypeId;
  /** Who did it (null: the system); nobody is notified of their own act. */
  actorId: string | null;
  /** What happened, in one line: "Ann assigned you the deal “Acme renewal”". */
  title: string;
  /** The record's path in the app. */
  link?: string | null;
  /** A few more lines for the email. */
  body?: string;
  /** Unique per recipient and happening: the same key again does nothing (job retries). */
  key: string;
}

/** Returns whether anything was stored or sent. */
export async function notify(q: OrgScope, n: Notification): Promise<boolean> {
  if (n.actorId !== null && n.actorId === n.recipientId) return false;
  const recipient = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "memberships.role"])
    .where("memberships.user_id", "=", n.recipientId)
    .executeTakeFirst();
  if (!recipient) return false;
  const channel = (await preferencesOf(q, n.recipientId, recipient.role))[n.type];
  if (channel === "off") return false;
  // An email-only notification is stored as read: it keeps the key (no second email) and the inbox's history.
  const stored = await q.insertInto("notifications", {
    recipient_id: n.recipientId,
    type: n.type,
    actor_id: n.actorId,
    title: n.title,
    link: n.link ?? null,
    dedupe_key: n.key,
    read_at: showsInApp(channel) ? null : new Date(),
  }).onConflict((oc) => oc.columns(["org_id", "recipient_id", "dedupe_key"]).doNothing())
    .returning("id").executeTakeFirst();
  if (!stored) return false;
  if (sendsEmail(channel)) await queueEmail(q, await composeEmail(q, n, recipient.email));
  return true;
}

async function composeEmail(q: OrgScope, n: Notification, to: string): Promise<EmailMessage> {
  const open = n.link ? `\n\nOpen it: ${appUrl(n.link)}` : "";
  const text = `${n.title}${n.body ? `\n\n${n.body}` : ""}${open}`;
  return await notificationEmail(q, { to, recipientId: n.recipientId, type: n.type, subject: n.title, text });
}

/**
 * A notification email: the text, then a footer with the link to the preferences and a one-click unsubscribe
 * from this type (RFC 8058: the List-Unsubscribe URL and List-Unsubscribe-Post headers).
 */
export async function notificationEmail(
  q: OrgScope,
  m: { to: string; recipientId: string; type: NotificationTypeId; subject: string; text: string },
): Promise<EmailMessage> {
  const org = await q.trx.selectFrom("orgs").select(["slug", "name"]).where("id", "=", q.orgId)
    .executeTakeFirstOrThrow();
  const settings = appUrl(orgPath(org.slug, "notifications", "preferences"));
  const token = await unsubscribeToken(q.trx, { orgId: q.orgId, userId: m.recipientId, type: m.type });
  const unsubscribe = appUrl(`/notifications/unsubscribe?${new URLSearchParams({ token })}`);
  return {
    to: m.to,
    subject: m.subject,
    text: `${m.text}\n\n— NexaCRM · ${org.name}\nChoose which notifications you get: ${settings}` +
      `\nStop these emails: ${unsubscribe}\n`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
