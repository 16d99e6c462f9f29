import type { AuthContext } from "@/lib/auth/guard.ts";
import { deleteRule } from "@/lib/automation/rules.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { UUID } from "@/lib/records/fields.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";

/** Deletes a rule and its run log. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    if (!UUID.test(ctx.params.id)) throw notFound();
    await withOrg(tenantOf(auth), (q) => deleteRule(q, actorOf(auth, ctx.remoteAddr), ctx.params.id));
    return redirect(orgPath(auth.org.slug, "settings", "automation", { notice: "deleted" }));
  },
};
