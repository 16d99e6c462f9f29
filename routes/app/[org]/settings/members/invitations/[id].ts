import type { AuthContext } from "@/lib/auth/guard.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { UUID } from "@/lib/records/fields.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { revokeInvitation } from "@/lib/tenancy/invitations.ts";
import { withOrg } from "@/lib/data/scope.ts";

/** Revokes a pending invitation: its link stops working. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    if (!UUID.test(ctx.params.id)) throw notFound();
    await withOrg(tenantOf(auth), (q) => revokeInvitation(q, actorOf(auth, ctx.remoteAddr), ctx.params.id));
    return redirect(orgPath(auth.org.slug, "settings", "members", { notice: "revoked" }));
  },
};
