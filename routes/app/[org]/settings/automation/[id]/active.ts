import type { AuthContext } from "@/lib/auth/guard.ts";
import { setRuleActive } from "@/lib/automation/rules.ts";
import { PlanLimitError } from "@/lib/billing/limits.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { readForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { UUID } from "@/lib/records/fields.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";

/** Activates (`active=on`) or pauses a rule; over the plan's limit, back to the list with the upgrade path. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(req, ctx) {
    const { auth } = ctx.state;
    if (!UUID.test(ctx.params.id)) throw notFound();
    const active = (await readForm(req)).active === "on";
    const back = (query: Record<string, string>) => redirect(orgPath(auth.org.slug, "settings", "automation", query));
    try {
      await withOrg(tenantOf(auth), (q) => setRuleActive(q, actorOf(auth, ctx.remoteAddr), ctx.params.id, active));
    } catch (err) {
      if (err instanceof PlanLimitError) return back({ limit: "1" });
      throw err;
    }
    return back({ notice: active ? "activated" : "paused" });
  },
};
