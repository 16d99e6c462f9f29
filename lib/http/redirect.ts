/** Redirects, and the one check every user-supplied place to return to goes through. */

// Browsers drop tabs and newlines inside a URL and read `\` as `/`, so `/\t/evil` and `/\evil` leave the site.
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const ORIGIN = "http://same.invalid";

/** 303 See Other: the answer to a form POST (and a plain redirect elsewhere). A Location no browser could
 * follow safely (control characters, backslashes) becomes `/`, so no caller can emit an invalid header. */
export function redirect(location: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  try {
    h.set("location", UNSAFE.test(location) ? "/" : location);
  } catch {
    h.set("location", "/");
  }
  return new Response(null, { status: 303, headers: h });
}

function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE.test(path);
}

/**
 * A path on this site to return to (`next`, `return`, `back`, …), normalised as a browser would
 * resolve it; anything that could resolve elsewhere, raw or once percent-decoded, falls back.
 */
export function safeNext(next: string | null | undefined, fallback = "/app"): string {
  if (!next || !isLocalPath(next)) return fallback;
  let decoded: string;
  let url: URL;
  try {
    decoded = decodeURIComponent(next);
    url = new URL(next, ORIGIN);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  return isLocalPath(decoded) && url.origin === ORIGIN && isLocalPath(path) ? path : fallback;
}
