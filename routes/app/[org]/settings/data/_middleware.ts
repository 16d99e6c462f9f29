import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";

/** Exports of the whole workspace are for admins and owners. */
export function handler(_req: Request, ctx: FreshContext<{ auth: AuthContext }>) {
  requirePermission(ctx.state.auth.role, "data.export");
  return ctx.next();
}
