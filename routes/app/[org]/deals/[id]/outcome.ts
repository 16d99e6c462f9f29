/** Marks a deal won, lost (with a reason) or open again: JSON from the board island, or a form. */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { formOrJson } from "@/lib/deals/http.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { outcomeInput } from "@/lib/deals/schemas.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { inOrg, parseId } from "@/lib/records/records.ts";

export const handler = {
  POST(req: Request, ctx: FreshContext<{ auth: AuthContext }>) {
    const auth = ctx.state.auth;
    const id = parseId(ctx.params.id);
    return formOrJson(
      req,
      outcomeInput,
      `/app/${auth.org.slug}/deals/${id}`,
      (input) => inOrg(auth, (q) => setOutcome(q, auth, id, input)),
    );
  },
};
