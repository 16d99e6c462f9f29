import { revokeApiKey } from "@/lib/api/keys.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { parseId } from "@/lib/records/records.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";

/** Revokes a key: its next request gets a 401. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    await withOrg(tenantOf(auth), (q) => revokeApiKey(q, actorOf(auth, ctx.remoteAddr), id));
    return redirect(orgPath(auth.org.slug, "settings", "api-keys"));
  },
};
