import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { reportCsv } from "@/lib/reports/page.ts";

/** One report chart's numbers as CSV (`chart=` its id, with the page's filters). */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  GET: (_req, ctx) => reportCsv(ctx.state.auth, ctx.url),
};
