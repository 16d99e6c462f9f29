/** The org's audit log: membership, role and settings changes — who, what, when, from where. */
import type { OrgScope } from "../data/scope.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

export async function audit(q: OrgScope, entry: AuditEntry): Promise<void> {
  await q.insertInto("audit_log", {
    actor_id: entry.actorId,
    action: entry.action,
    target: entry.target ?? "",
    detail: JSON.stringify(entry.detail ?? {}),
    ip: entry.ip ?? "",
  }).execute();
}
