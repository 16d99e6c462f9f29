import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { csvResponse } from "@/lib/records/export.ts";
import { LEAD_SORTS, leadCsv, leadFilter } from "@/lib/records/leads.ts";
import { listParams } from "@/lib/records/list.ts";

/** The leads inbox as CSV, with its filters and order. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  GET(_req, ctx) {
    const { auth } = ctx.state;
    return csvResponse(
      auth,
      leadCsv(auth, { ...listParams(ctx.url, LEAD_SORTS, "newest"), status: leadFilter(ctx.url) }),
    );
  },
};
