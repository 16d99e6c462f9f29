/** Moves a deal on the board: JSON `{stageId, afterId?, beforeId?}` from the island, or the card's form. */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { formOrJson } from "@/lib/deals/http.ts";
import { moveDeal } from "@/lib/deals/move.ts";
import { moveInput } from "@/lib/deals/schemas.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { inOrg, parseId } from "@/lib/records/records.ts";

export const handler = {
  POST(req: Request, ctx: FreshContext<{ auth: AuthContext }>) {
    const auth = ctx.state.auth;
    const id = parseId(ctx.params.id);
    return formOrJson(
      req,
      moveInput,
      `/app/${auth.org.slug}/deals`,
      (input) => inOrg(auth, (q) => moveDeal(q, auth, id, input)),
    );
  },
};
