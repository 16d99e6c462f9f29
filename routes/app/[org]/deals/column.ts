/** A further page of one board column, for the board island: `?stage=&after=` plus the board's filters. */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { columnPage } from "@/lib/deals/board.ts";
import { dealFilters } from "@/lib/deals/schemas.ts";
import { HttpError } from "@/lib/fresh/errors.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";
import { UUID } from "@/lib/records/fields.ts";
import { inOrg } from "@/lib/records/records.ts";

export const handler = {
  async GET(_req: Request, ctx: FreshContext<{ auth: AuthContext }>) {
    const auth = ctx.state.auth;
    const params = Object.fromEntries(ctx.url.searchParams);
    if (!UUID.test(params.stage ?? "") || !params.after) throw new HttpError(400, "Give a stage and a cursor");
    const filters = dealFilters.parse(params);
    const page = await inOrg(auth, (q) => columnPage(q, auth, { stageId: params.stage, after: params.after, filters }));
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  },
};
