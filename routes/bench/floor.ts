/**
 * The bench's floor: the cheapest response of this runtime (router, middleware, security headers;
 * no database, no render). Answers 404 unless the server runs with BENCH=1.
 */
import type { Handlers } from "@/lib/fresh/types.ts";

export const handler: Handlers = {
  GET(_req, ctx) {
    if (Deno.env.get("BENCH") !== "1") return ctx.renderNotFound();
    return new Response("ok", {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  },
};
