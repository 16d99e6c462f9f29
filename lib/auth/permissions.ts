/**
 * Who may do what. Roles are ordered OWNER > ADMIN > MEMBER; each permission names the least
 * role that holds it. The README's permission matrix is this table.
 */
import type { Role } from "@/db/schema.ts";
import { forbidden } from "../fresh/errors.ts";

const RANK: Record<Role, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const PERMISSIONS = {
  "billing.manage": "OWNER",
  "org.delete": "OWNER",
  "org.transfer": "OWNER",
  "members.grant_owner": "OWNER",
  "members.manage": "ADMIN",
  "pipelines.manage": "ADMIN",
  "settings.manage": "ADMIN",
  "integrations.manage": "ADMIN",
  "audit.view": "ADMIN",
  "jobs.manage": "ADMIN",
  "data.export": "ADMIN",
  "records.view_all": "ADMIN",
  "records.work": "MEMBER",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

export function can(role: Role, permission: Permission): boolean {
  return atLeast(role, PERMISSIONS[permission]);
}

export function requirePermission(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw forbidden();
}
