/**
 * What a page costs a browser on first load: HTML, CSS (inline `<style>` and stylesheets) and
 * JavaScript (inline module scripts and every module file reached from them, preloads included),
 * raw and gzip, and the number of requests (the document plus each distinct subresource).
 */
export interface Weight {
  html: number;
  htmlGzip: number;
  css: number;
  js: number;
  jsGzip: number;
  requests: number;
  islands: number;
}

const encoder = new TextEncoder();

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const attr = (tag: string, name: string) =>
  tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&");
const tags = (html: string, name: string) => html.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
const moduleImports = (js: string) =>
  [...js.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)].map((m) => m[1]);

export async function pageWeight(url: string, headers: Record<string, string>): Promise<Weight> {
  const res = await fetch(url, { headers });
  const html = await res.text();
  const htmlBytes = encoder.encode(html);
  const get = async (href: string) => {
    const r = await fetch(new URL(href, url), { headers });
    return new Uint8Array(await r.arrayBuffer());
  };

  let css = 0;
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) css += encoder.encode(m[1]).length;
  const stylesheets = tags(html, "link").filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, "href")!);
  for (const href of new Set(stylesheets)) css += (await get(href)).length;

  // Executable scripts: module/classic inline code and src files; JSON data scripts are not code.
  let js = 0;
  let jsGzip = 0;
  const pending: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const type = attr(m[1], "type");
    if (type && type !== "module" && !/javascript/.test(type)) continue;
    const src = attr(m[1], "src");
    if (src) pending.push(src);
    else if (m[2].trim()) {
      const code = encoder.encode(m[2]);
      js += code.length;
      jsGzip += await gzipSize(code);
      pending.push(...moduleImports(m[2]));
    }
  }
  const linkHeader = res.headers.get("link") ?? "";
  for (const m of linkHeader.matchAll(/<([^>]+)>\s*;\s*rel="?modulepreload"?/g)) pending.push(m[1]);
  for (const t of tags(html, "link").filter((t) => /rel="modulepreload"/.test(t))) pending.push(attr(t, "href")!);

  const files = new Set<string>();
  while (pending.length) {
    const href = new URL(pending.pop()!, url).href;
    if (files.has(href)) continue;
    files.add(href);
    const body = await get(href);
    js += body.length;
    jsGzip += await gzipSize(body);
    for (const dep of moduleImports(new TextDecoder().decode(body))) pending.push(new URL(dep, href).href);
  }

  const other = new Set([
    ...tags(html, "link").filter((t) => /rel="(?:icon|apple-touch-icon|manifest)"/.test(t)).map((t) => attr(t, "href")),
    ...tags(html, "img").map((t) => attr(t, "src")),
  ].filter(Boolean));

  return {
    html: htmlBytes.length,
    htmlGzip: await gzipSize(htmlBytes),
    css,
    js,
    jsGzip,
    requests: 1 + new Set(stylesheets).size + files.size + other.size,
    islands: tags(html, "fresh-island").length,
  };
}
