/**
 * Public pages (landing, pricing) are `config.static`: rendered once per URL and served from memory.
 * A signed-in visitor gets its own variant (its header offers "Open app" instead of "Log in" and
 * "Start free trial"): the handler marks the URL the cache keys on, from the session itself, so a
 * visitor can neither set nor clear the mark. Without a session cookie this costs no query.
 */
import type { FreshContext } from "../fresh/types.ts";
import { sessionUser } from "./session.ts";

/** The query parameter marking the signed-in variant. */
const SIGNED_IN = "signed-in";

export const publicPageHandler = {
  async GET(req: Request, ctx: FreshContext) {
    ctx.url.searchParams.delete(SIGNED_IN);
    if (!await sessionUser(req)) return await ctx.render();
    ctx.url.searchParams.set(SIGNED_IN, "");
    return await ctx.render(undefined, { headers: { "cache-control": "private, no-store" } });
  },
};

/** Whether the page is rendered for a signed-in visitor (see `publicPageHandler`). */
export const signedIn = (url: URL) => url.searchParams.has(SIGNED_IN);
