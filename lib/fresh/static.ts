/** Serves files under `static/` at the site root; built island files are cached immutably. */
import { ASSETS_DIR } from "./assets.ts";

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

export async function serveStatic(root: string, path: string, req: Request): Promise<Response> {
  const immutable = path.startsWith(`/${ASSETS_DIR.replace(/^static\//, "")}/`);
  const ext = path.slice(path.lastIndexOf(".") + 1);
  const stat = await Deno.stat(`${root}/static${path}`);
  const etag = `W/"${stat.size.toString(36)}-${(stat.mtime?.getTime() ?? 0).toString(36)}"`;
  const headers = new Headers({
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    etag,
  });
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (req.method === "HEAD") return new Response(null, { headers });
  const file = await Deno.open(`${root}/static${path}`);
  return new Response(file.readable, { headers });
}
