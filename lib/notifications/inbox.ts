/** A user's notifications: the unread count (the bell), the latest (its panel), the inbox's pages, marking read. */
import type { OrgScope } from "../data/scope.ts";

export interface NotificationItem {
  id: string;
  type: string;
  title: string;
  link: string | null;
  actor: string | null;
  read: boolean;
  created_at: Date;
}

/** The count shown on the bell is capped (the badge shows "99+"), so counting stops early at 100k rows. */
export const COUNT_CAP = 100;

/** Unread notifications, up to the cap, and the newest unread id (the ETag changes when either does). */
export async function unreadSummary(q: OrgScope, userId: string): Promise<{ count: number; newest: string | null }> {
  const rows = await q.selectFrom("notifications").select("id")
    .where("recipient_id", "=", userId).where("read_at", "is", null)
    .orderBy("id", "desc").limit(COUNT_CAP).execute();
  return { count: rows.length, newest: rows[0]?.id ?? null };
}

function items(q: OrgScope, userId: string) {
  return q.selectFrom("notifications")
    .leftJoin("users", "users.id", "notifications.actor_id")
    .select([
      "notifications.id",
      "notifications.type",
      "notifications.title",
      "notifications.link",
      "users.name as actor",
      "notifications.read_at",
      "notifications.created_at",
    ])
    .where("notifications.recipient_id", "=", userId);
}

const asItem = ({ read_at, ...row }: { read_at: Date | null } & Omit<NotificationItem, "read">): NotificationItem => ({
  ...row,
  read: read_at !== null,
});

export interface InboxPage {
  items: NotificationItem[];
  /** The last id shown, when there is another page. */
  next: string | null;
}

/** Newest first, `size` at a time after `before` (an id), optionally the unread ones only. */
export async function inboxPage(
  q: OrgScope,
  userId: string,
  opts: { before: string | null; unread: boolean; size: number },
): Promise<InboxPage> {
  let query = items(q, userId).orderBy("notifications.id", "desc").limit(opts.size + 1);
  if (opts.before) query = query.where("notifications.id", "<", opts.before);
  if (opts.unread) query = query.where("notifications.read_at", "is", null);
  const rows = (await query.execute()).map(asItem);
  const more = rows.length > opts.size;
  const shown = rows.slice(0, opts.size);
  return { items: shown, next: more ? shown.at(-1)!.id : null };
}

/** Marks one notification read (`id`), or all of them; only the user's own. */
export async function markRead(q: OrgScope, userId: string, id: string | null): Promise<void> {
  let query = q.updateTable("notifications").set({ read_at: new Date() })
    .where("recipient_id", "=", userId).where("read_at", "is", null);
  if (id) query = query.where("id", "=", id);
  await query.execute();
}
