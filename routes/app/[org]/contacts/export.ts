import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { CONTACT_SORTS, contactCsv } from "@/lib/records/contacts.ts";
import { csvResponse } from "@/lib/records/export.ts";
import { listParams } from "@/lib/records/list.ts";

/** The contacts list as CSV, with the list's filters and order. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  GET(_req, ctx) {
    const { auth } = ctx.state;
    return csvResponse(auth, contactCsv(auth, listParams(ctx.url, CONTACT_SORTS, "name")));
  },
};
