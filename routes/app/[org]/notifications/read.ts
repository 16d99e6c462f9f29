/** Marks one notification read (`id`) or all of them; back to the page it was asked from, or 204 for the bell. */
import * as z from "zod";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect, safeNext } from "@/lib/http/redirect.ts";
import { markRead } from "@/lib/notifications/inbox.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

const ReadInput = z.object({ id: z.uuid().optional(), back: z.string().max(2000).optional() });

export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await parseForm(req, ReadInput);
    if (!form.ok) return Response.json({ errors: form.errors }, { status: 422 });
    await withOrg(tenantOf(auth), (q) => markRead(q, auth.user.id, form.data.id ?? null));
    if ((req.headers.get("accept") ?? "").includes("application/json")) return new Response(null, { status: 204 });
    return redirect(safeNext(form.data.back, orgPath(auth.org.slug, "notifications")));
  },
};
