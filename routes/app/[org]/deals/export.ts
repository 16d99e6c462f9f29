import type { AuthContext } from "@/lib/auth/guard.ts";
import { dealCsv, dealListParams } from "@/lib/deals/list.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { csvResponse } from "@/lib/records/export.ts";

/** The deals list as CSV, with its filters and order. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  GET(_req, ctx) {
    const { auth } = ctx.state;
    return csvResponse(auth, dealCsv(auth, dealListParams(ctx.url)));
  },
};
