/**
 * Caching of responses that depend on who asks. A request with credentials (a cookie or an
 * `Authorization` header), or a response that sets a cookie, may carry one user's data: no cache
 * keeps it (so Back after logout cannot show it). Responses marked `public` (static files, hashed
 * island assets) and public pages requested without credentials keep their own caching.
 */
export const PRIVATE = "private, no-store";

export function credentialed(req: Request, res: Response): boolean {
  return req.headers.has("cookie") || req.headers.has("authorization") || res.headers.has("set-cookie");
}

export function cachePolicy(req: Request, res: Response) {
  if (/\bpublic\b/i.test(res.headers.get("cache-control") ?? "")) return;
  if (credentialed(req, res)) res.headers.set("cache-control", PRIVATE);
}
