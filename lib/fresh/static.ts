/** Serves files under `static/` at the site root; built island files are cached immutably, pre-compressed. */
import { ASSETS_DIR } from "./assets.ts";
import { addVary, type Encoding, isCompressible, negotiate } from "./compress.ts";

/** File name suffix of each pre-compressed variant. */
export const SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
  woff2: "font/woff2",
  webmanifest: "application/manifest+json",
};

export async function listStatic(root: string): Promise<Set<string>> {
  const files = new Set<string>();
  const walk = async (dir: string, prefix: string) => {
    try {
      for await (const e of Deno.readDir(dir)) {
        if (e.isDirectory) await walk(`${dir}/${e.name}`, `${prefix}/${e.name}`);
        else if (e.isFile) files.add(`${prefix}/${e.name}`);
      }
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  };
  await walk(`${root}/static`, "");
  return files;
}

/**
 * A file, or its pre-compressed sibling (`.br`, `.gz`, written at build time) when the client
 * accepts that encoding; `files` is the listing of `static/`.
 */
export async function serveStatic(root: string, path: string, req: Request, files: Set<string>): Promise<Response> {
  const immutable = path.startsWith(`/${ASSETS_DIR.replace(/^static\//, "")}/`);
  const ext = path.slice(path.lastIndexOf(".") + 1);
  const type = TYPES[ext] ?? "application/octet-stream";
  const encoding = isCompressible(type) ? negotiate(req.headers.get("accept-encoding")) : null;
  const variant = encoding && files.has(`${path}${SUFFIX[encoding]}`) ? encoding : null;
  const file = `${root}/static${path}${variant ? SUFFIX[variant] : ""}`;
  const stat = await Deno.stat(file);
  const etag = `W/"${stat.size.toString(36)}-${(stat.mtime?.getTime() ?? 0).toString(36)}"`;
  const headers = new Headers({
    "content-type": type,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    etag,
  });
  if (variant) headers.set("content-encoding", variant);
  if (isCompressible(type)) addVary(headers, "Accept-Encoding");
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (req.method === "HEAD") return new Response(null, { headers });
  return new Response((await Deno.open(file)).readable, { headers });
}
