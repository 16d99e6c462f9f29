/**
 * RapiDoc (npm `rapidoc`, pinned in deno.json), the API reference's renderer: its standalone bundle as the
 * package ships it, gzipped alike, for /docs/api only. Cached a day; the file changes only with the version.
 */
import { addVary, negotiate } from "@/lib/fresh/compress.ts";
import type { Handlers } from "@/lib/fresh/types.ts";

const FILE = new URL("../../node_modules/rapidoc/dist/rapidoc-min.js", import.meta.url);

export const handler: Handlers = {
  async GET(req) {
    const gzip = negotiate(req.headers.get("accept-encoding")) !== null &&
      /\bgzip\b/.test(req.headers.get("accept-encoding") ?? "");
    const headers = new Headers({
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
    });
    addVary(headers, "Accept-Encoding");
    if (gzip) headers.set("content-encoding", "gzip");
    const file = await Deno.open(gzip ? new URL(`${FILE.href}.gz`) : FILE);
    return new Response(file.readable, { headers });
  },
};
