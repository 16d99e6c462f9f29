import type { AuthContext } from "@/lib/auth/guard.ts";
import { exportDownload } from "@/lib/exports/exports.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { parseId } from "@/lib/records/records.ts";
import { zipResponse } from "@/lib/exports/response.ts";

/** A built export's zip (the link of the email it sent), while it is kept. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async GET(_req, ctx) {
    const { body, fileName } = await exportDownload(ctx.state.auth, parseId(ctx.params.id), ctx.remoteAddr);
    return zipResponse(body, fileName);
  },
};
