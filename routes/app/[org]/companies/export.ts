import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { COMPANY_SORTS, companyCsv } from "@/lib/records/companies.ts";
import { csvResponse } from "@/lib/records/export.ts";
import { listParams } from "@/lib/records/list.ts";

/** The companies list as CSV, with the list's filters and order. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  GET(_req, ctx) {
    const { auth } = ctx.state;
    return csvResponse(auth, companyCsv(auth, listParams(ctx.url, COMPANY_SORTS, "name")));
  },
};
