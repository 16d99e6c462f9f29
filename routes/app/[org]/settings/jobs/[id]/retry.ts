import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { retryJob } from "@/lib/jobs/admin.ts";
import { UUID } from "@/lib/records/fields.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";
import { withOrg } from "@/lib/data/scope.ts";

/** Runs a failed or dead job of the org again now. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "jobs.manage");
    if (!UUID.test(ctx.params.id)) throw notFound();
    if (!await withOrg(tenantOf(auth), (q) => retryJob(q, ctx.params.id))) throw notFound();
    return redirect(orgPath(auth.org.slug, "settings", "jobs", { notice: "retried" }));
  },
};
