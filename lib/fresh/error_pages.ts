/**
 * The answers to what went wrong: the `_404` page, and for a thrown error its status with the
 * `_500` page (an HttpError's own words, or a logged 500), or JSON for API and JSON clients.
 */
import { HttpError } from "./errors.ts";
import type { RouteTable } from "./routes.ts";
import type { AnyState, FreshContext, PageRoute, RequestEnv } from "./types.ts";

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 413: "Payload Too Large" };

/** An RFC 9457 problem, for a refusal of an /api/v1 request made before the API's own handler ran (a malformed path). */
function problem(err: HttpError): Response {
  const body = {
    type: "about:blank",
    title: STATUS_TEXT[err.status] ?? "Error",
    status: err.status,
    detail: err.message,
  };
  const headers = new Headers(err.headers);
  headers.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(body), { status: err.status, headers });
}

export type ContextFor = (
  req: Request,
  env: RequestEnv,
  route: PageRoute,
  params: Record<string, string>,
) => FreshContext;

export function errorPages(table: RouteTable, contextFor: ContextFor, onError?: (err: unknown, req: Request) => void) {
  const notFound = async (req: Request, env: RequestEnv, state?: AnyState): Promise<Response> => {
    const page = table.notFound?.default;
    if (!page || req.method !== "GET") return new Response("Not found", { status: 404 });
    const ctx = contextFor(req, env, { pattern: "/_404", layouts: [], page }, {});
    if (state) ctx.state = state;
    return await ctx.render(undefined, { status: 404 });
  };

  const errorPage = async (
    req: Request,
    env: RequestEnv,
    status: number,
    data: { status: number; message: string } | undefined,
    headers: HeadersInit = {},
  ): Promise<Response> => {
    const fallback = () => new Response(data?.message ?? "Internal Server Error", { status, headers });
    const page = table.error?.default;
    if (!page) return fallback();
    try {
      const ctx = contextFor(req, env, { pattern: "/_500", layouts: [], page }, {});
      const res = await ctx.render(data, { status });
      for (const [k, v] of new Headers(headers)) res.headers.set(k, v);
      return res;
    } catch (inner) {
      console.error(inner);
      return fallback();
    }
  };

  const renderError = async (req: Request, env: RequestEnv, err: unknown): Promise<Response> => {
    if (err instanceof HttpError) {
      if (err.status === 404) return await notFound(req, env);
      const wantsJson = (req.headers.get("accept") ?? "").includes("application/json") ||
        new URL(req.url).pathname.startsWith("/api/");
      const fields = (err as { fields?: unknown }).fields;
      if (new URL(req.url).pathname.startsWith("/api/v1/")) return problem(err);
      if (wantsJson) {
        return Response.json({ error: err.message, ...(fields ? { fields } : {}) }, {
          status: err.status,
          headers: err.headers,
        });
      }
      // The error page explains a refusal in the words we chose for it.
      return await errorPage(req, env, err.status, { status: err.status, message: err.message }, err.headers);
    }
    onError ? onError(err, req) : console.error(err);
    return await errorPage(req, env, 500, undefined);
  };

  return { notFound, renderError };
}
