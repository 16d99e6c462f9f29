/**
 * The audit log as owners and admins read it: the org's own changes (audit_log) and its members'
 * sign-in events while they were members (auth_events), newest first, a page at a time by id
 * (UUIDv7, so id order is time order).
 */
import type { OrgScope } from "../data/scope.ts";

export interface AuditItem {
  id: string;
  at: Date;
  kind: "change" | "account";
  actor: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  ip: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** `before` must be a UUID (the `next` of the previous page) or null for the newest page. */
export async function auditPage(q: OrgScope, before: string | null, size = AUDIT_PAGE_SIZE) {
  let changes = q.selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.created_at as at",
      "users.email as actor",
      "audit_log.action",
      "audit_log.target",
      "audit_log.detail",
      "audit_log.ip",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(size + 1);
  let account = q.selectFrom("memberships")
    .innerJoin("auth_events", "auth_events.user_id", "memberships.user_id")
    .select([
      "auth_events.id",
      "auth_events.created_at as at",
      "auth_events.email as actor",
      "auth_events.action",
      "auth_events.user_agent as target",
      "auth_events.ip",
    ])
    .whereRef("auth_events.created_at", ">=", "memberships.created_at")
    .orderBy("auth_events.id", "desc")
    .limit(size + 1);
  if (before) {
    changes = changes.where("audit_log.id", "<", before);
    account = account.where("auth_events.id", "<", before);
  }
  const items: AuditItem[] = [
    ...(await changes.execute()).map((r) => ({ ...r, kind: "change" as const })),
    ...(await account.execute()).map((r) => ({ ...r, kind: "account" as const, detail: {} })),
  ].sort((a, b) => (a.id < b.id ? 1 : -1));
  const page = items.slice(0, size);
  return { items: page, next: items.length > size ? page[page.length - 1].id : null };
}
