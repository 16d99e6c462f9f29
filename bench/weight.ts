/**
 * What a page costs a browser on first load: HTML, CSS (inline `<style>` and stylesheets) and
 * JavaScript (inline module scripts and every module file reached from them, preloads included),
 * raw and on the wire (asked for with `Accept-Encoding: br, gzip` as a browser does, counting the
 * encoded bytes the server sends), and the number of requests (the document plus each distinct
 * subresource).
 */
import { Buffer } from "node:buffer";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

export interface Weight {
  html: number;
  htmlWire: number;
  css: number;
  cssWire: number;
  js: number;
  jsWire: number;
  requests: number;
  islands: number;
}

/** What a browser sends: it accepts brotli and gzip. */
export const ACCEPT_ENCODING = "br, gzip";

const encoder = new TextEncoder();

interface Fetched {
  headers: Headers;
  /** Bytes on the wire (the body as sent, encoded or not). */
  wire: number;
  /** The body decoded. */
  body: Uint8Array;
}

/** A GET through node:http, which (unlike fetch) hands over the body exactly as it was sent. */
function get(url: URL, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...headers, "accept-encoding": ACCEPT_ENCODING } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const body = encoding === "br" ? brotliDecompressSync(raw) : encoding === "gzip" ? gunzipSync(raw) : raw;
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, [v].flat().join(", "));
        resolve({ headers: h, wire: raw.byteLength, body: new Uint8Array(body) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const attr = (tag: string, name: string) =>
  tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&");
const tags = (html: string, name: string) => html.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
const moduleImports = (js: string) =>
  [...js.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)].map((m) => m[1]);

export async function pageWeight(url: string, headers: Record<string, string>): Promise<Weight> {
  const doc = await get(new URL(url), headers);
  const html = new TextDecoder().decode(doc.body);
  const fetchSub = (href: string | URL) => get(new URL(href, url), headers);

  // Inline styles and scripts travel inside the HTML: their wire bytes are the document's.
  let css = 0;
  let cssWire = 0;
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) css += encoder.encode(m[1]).length;
  const stylesheets = tags(html, "link").filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, "href")!);
  for (const href of new Set(stylesheets)) {
    const sheet = await fetchSub(href);
    css += sheet.body.length;
    cssWire += sheet.wire;
  }

  // Executable scripts: module/classic inline code and src files; JSON data scripts are not code.
  let js = 0;
  let jsWire = 0;
  const pending: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const type = attr(m[1], "type");
    if (type && type !== "module" && !/javascript/.test(type)) continue;
    const src = attr(m[1], "src");
    if (src) pending.push(src);
    else if (m[2].trim()) {
      js += encoder.encode(m[2]).length;
      pending.push(...moduleImports(m[2]));
    }
  }
  const linkHeader = doc.headers.get("link") ?? "";
  for (const m of linkHeader.matchAll(/<([^>]+)>\s*;\s*rel="?modulepreload"?/g)) pending.push(m[1]);
  for (const t of tags(html, "link").filter((t) => /rel="modulepreload"/.test(t))) pending.push(attr(t, "href")!);

  const files = new Set<string>();
  while (pending.length) {
    const href = new URL(pending.pop()!, url).href;
    if (files.has(href)) continue;
    files.add(href);
    const file = await fetchSub(href);
    js += file.body.length;
    jsWire += file.wire;
    for (const dep of moduleImports(new TextDecoder().decode(file.body))) pending.push(new URL(dep, href).href);
  }

  const other = new Set([
    ...tags(html, "link").filter((t) => /rel="(?:icon|apple-touch-icon|manifest)"/.test(t)).map((t) => attr(t, "href")),
    ...tags(html, "img").map((t) => attr(t, "src")),
  ].filter(Boolean));

  return {
    html: doc.body.length,
    htmlWire: doc.wire,
    css,
    cssWire,
    js,
    jsWire,
    requests: 1 + new Set(stylesheets).size + files.size + other.size,
    islands: tags(html, "fresh-island").length,
  };
}
