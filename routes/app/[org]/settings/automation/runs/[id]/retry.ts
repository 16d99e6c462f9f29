import * as z from "zod";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { retryAction } from "@/lib/automation/runs.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { HttpError, notFound } from "@/lib/fresh/errors.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { UUID } from "@/lib/records/fields.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

const RetryInput = z.object({ position: z.coerce.number().int().min(0).max(99) });

/** Queues one failed action of a run to run again. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(req, ctx) {
    const { auth } = ctx.state;
    if (!UUID.test(ctx.params.id)) throw notFound();
    const form = await parseForm(req, RetryInput);
    if (!form.ok) throw new HttpError(400, "Choose an action to retry");
    if (!await withOrg(tenantOf(auth), (q) => retryAction(q, ctx.params.id, form.data.position))) throw notFound();
    return redirect(orgPath(auth.org.slug, "settings", "automation", "runs", { notice: "retried" }));
  },
};
