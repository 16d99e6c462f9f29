/** Headers every response carries, and the same-origin check for state-changing requests. */
import { encodeBase64Url } from "./base64url.ts";

export function newNonce(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The policy every page gets; `extra` adds directives (a page that needs more says so itself). */
export function contentSecurityPolicy(nonce: string, extra: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...extra,
  ].join("; ");
}

export function securityHeaders(headers: Headers, opts: { nonce: string; dev: boolean }) {
  const csp = contentSecurityPolicy(opts.nonce);
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", csp);
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if (!headers.has("x-frame-options")) headers.set("x-frame-options", "DENY");
  if (!opts.dev) headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence without tokens (as Go's CrossOriginProtection): browsers
 * send `Sec-Fetch-Site` or `Origin` on every state-changing request; a request from another
 * site is refused. Requests with neither header do not come from a browser and carry no
 * ambient credentials a forger could borrow.
 */
export function isCrossSite(req: Request, url: URL): boolean {
  if (SAFE.has(req.method)) return false;
  const site = req.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = req.headers.get("origin");
  if (origin) return origin !== url.origin;
  return false;
}
