import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { qualifyLead } from "@/lib/records/leads.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";

export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(_req, ctx) {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    await qualifyLead(auth, id);
    return redirect(recordPath(auth.org.slug, "lead", id));
  },
};
