import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";

/** Automation rules and their run log are for admins and owners. */
export function handler(_req: Request, ctx: FreshContext<{ auth: AuthContext }>) {
  requirePermission(ctx.state.auth.role, "settings.manage");
  return ctx.next();
}
