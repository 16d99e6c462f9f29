/** The GET handler of a settings list paged by id (UUIDv7), newest first: the audit log, the failed jobs. */
import type { AuthContext } from "../auth/guard.ts";
import { type Permission, requirePermission } from "../auth/permissions.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import type { Handlers } from "../fresh/types.ts";
import { UUID } from "../records/fields.ts";
import { tenantOf } from "./context.ts";

/** Checks `permission`, then renders `load`'s page; `before` (the previous page's last id) is ignored unless a UUID. */
export function keysetPage<T>(
  permission: Permission,
  load: (q: OrgScope, before: string | null) => Promise<T>,
): Handlers<T, { auth: AuthContext }> {
  return {
    async GET(_req, ctx) {
      const { auth } = ctx.state;
      requirePermission(auth.role, permission);
      const before = ctx.url.searchParams.get("before");
      return ctx.render(await withOrg(tenantOf(auth), (q) => load(q, before && UUID.test(before) ? before : null)));
    },
  };
}
