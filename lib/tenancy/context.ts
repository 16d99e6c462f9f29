/** From a request's `AuthContext` to what the tenancy functions take. */
import type { AuthContext } from "../auth/guard.ts";
import type { Actor } from "./members.ts";
import type { TenantContext } from "../data/scope.ts";

export function tenantOf(auth: AuthContext): TenantContext {
  return { orgId: auth.org.id, userId: auth.user.id };
}

export function actorOf(auth: AuthContext, ip: string): Actor & { name: string } {
  return { id: auth.user.id, name: auth.user.name, role: auth.role, ip };
}
