/**
 * The request pipeline: static files, then file-system routes (Hono's router, in Fresh's
 * precedence), each through its `_middleware` chain into its handler or page.
 */
import { Hono } from "hono";
import type { IslandAssets } from "./assets.ts";
import { cachePolicy } from "./cache.ts";
import { compressResponse } from "./compress.ts";
import { HttpError } from "./errors.ts";
import { cleanUrl, decodePath } from "./input.ts";
import { registerIslands } from "./islands.ts";
import { type RenderedPage, renderPage } from "./render.ts";
import { buildRouteTable, type RouteEntry } from "./routes.ts";
import { isCrossSite, newNonce, securityHeaders } from "./security.ts";
import { listStatic, serveStatic } from "./static.ts";
import { createStyler, type TwindConfig } from "./twind.ts";
import type { AnyState, FreshContext, Handler, Manifest, Method, RouteModule } from "./types.ts";
import { METHODS } from "./types.ts";

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 413: "Payload Too Large" };

/** Stand-in nonce of cached static pages: random, so page content cannot contain it by chance. */
const STATIC_NONCE = newNonce();
/** Static pages kept (one per URL: query strings make new ones, the oldest goes first). */
const STATIC_PAGES = 200;

export interface ServerOptions {
  root: string;
  dev?: boolean;
  twind?: TwindConfig;
  /** The island build; called per request in dev so rebuilds are picked up. */
  assets: () => IslandAssets | null | Promise<IslandAssets | null>;
  onError?: (err: unknown, req: Request) => void;
}

export type RequestHandler = (req: Request, info?: { remoteAddr?: { hostname: string } }) => Promise<Response>;

interface Env {
  remoteAddr: string;
  nonce: string;
}

export async function createHandler(manifest: Manifest, opts: ServerOptions): Promise<RequestHandler> {
  registerIslands(manifest.islands);
  const table = buildRouteTable(manifest);
  const style = createStyler(opts.twind);
  let staticFiles = await listStatic(opts.root);
  /** Rendered `config.static` pages by URL, with STATIC_NONCE where each response puts its own. */
  const staticPages = new Map<string, RenderedPage>();
  const app = new Hono<{ Bindings: Env }>();

  const makeContext = (
    req: Request,
    env: Env,
    route: { pattern: string; layouts: RouteModule[]; page?: RouteModule["default"]; static?: boolean },
    params: Record<string, string>,
  ): FreshContext => {
    const ctx: FreshContext = {
      req,
      url: cleanUrl(req.url),
      params,
      state: {} as AnyState,
      remoteAddr: env.remoteAddr,
      nonce: env.nonce,
      route: route.pattern,
      render: async (data, init) => {
        if (!route.page) throw new Error(`Route ${route.pattern} has no page component to render`);
        const key = route.static && !opts.dev && data === undefined ? ctx.url.pathname + ctx.url.search : null;
        let page = key === null ? undefined : staticPages.get(key);
        if (!page) {
          page = renderPage({
            app: table.app,
            layouts: route.layouts,
            page: route.page,
            props: { data, params, url: ctx.url, state: ctx.state, route: route.pattern },
            nonce: key === null ? env.nonce : STATIC_NONCE,
            assets: await opts.assets(),
            style,
          });
          if (key !== null) {
            if (staticPages.size >= STATIC_PAGES) staticPages.delete(staticPages.keys().next().value!);
            staticPages.set(key, page);
          }
        }
        const html = key === null ? page.html : page.html.replaceAll(STATIC_NONCE, env.nonce);
        const headers = new Headers(init?.headers);
        headers.set("content-type", "text/html; charset=utf-8");
        if (page.preload.length) {
          headers.append("link", page.preload.map((p) => `<${p}>; rel="modulepreload"`).join(", "));
        }
        return new Response(req.method === "HEAD" ? null : html, { ...init, headers });
      },
      renderNotFound: () => notFound(req, env, ctx.state),
      next: () => Promise.reject(new Error("next() called outside middleware")),
    };
    return ctx;
  };

  const runChain = async (middlewares: RouteModule[], ctx: FreshContext, final: () => Promise<Response>) => {
    const handlers = middlewares.flatMap((m) => [m.handler].flat()).filter((h): h is Handler =>
      typeof h === "function"
    );
    const step = (i: number): Promise<Response> => {
      if (i >= handlers.length) return final();
      ctx.next = () => step(i + 1);
      return Promise.resolve(handlers[i](ctx.req, ctx));
    };
    return await step(0);
  };

  const notFound = async (req: Request, env: Env, state?: AnyState): Promise<Response> => {
    const page = table.notFound?.default;
    if (!page || req.method !== "GET") return new Response("Not found", { status: 404 });
    const ctx = makeContext(req, env, { pattern: "/_404", layouts: [], page }, {});
    if (state) ctx.state = state;
    return await ctx.render(undefined, { status: 404 });
  };

  const renderError = async (req: Request, env: Env, err: unknown): Promise<Response> => {
    if (err instanceof HttpError) {
      if (err.status === 404) return await notFound(req, env);
      const wantsJson = (req.headers.get("accept") ?? "").includes("application/json") ||
        new URL(req.url).pathname.startsWith("/api/");
      const fields = (err as { fields?: unknown }).fields;
      if (new URL(req.url).pathname.startsWith("/api/v1/")) {
        // Refused before the API's own handler ran (a malformed path): still RFC 9457, as the API answers.
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
      if (wantsJson) {
        return Response.json({ error: err.message, ...(fields ? { fields } : {}) }, {
          status: err.status,
          headers: err.headers,
        });
      }
      // The error page explains a refusal in the words we chose for it.
      return await errorPage(req, env, err.status, { status: err.status, message: err.message }, err.headers);
    }
    opts.onError ? opts.onError(err, req) : console.error(err);
    return await errorPage(req, env, 500, undefined);
  };

  const errorPage = async (
    req: Request,
    env: Env,
    status: number,
    data: { status: number; message: string } | undefined,
    headers: HeadersInit = {},
  ): Promise<Response> => {
    const fallback = () => new Response(data?.message ?? "Internal Server Error", { status, headers });
    const page = table.error?.default;
    if (!page) return fallback();
    try {
      const ctx = makeContext(req, env, { pattern: "/_500", layouts: [], page }, {});
      const res = await ctx.render(data, { status });
      for (const [k, v] of new Headers(headers)) res.headers.set(k, v);
      return res;
    } catch (inner) {
      console.error(inner);
      return fallback();
    }
  };

  const dispatch = async (route: RouteEntry, req: Request, env: Env, params: Record<string, string>) => {
    const mod = route.module;
    const ctx = makeContext(
      req,
      env,
      { pattern: route.pattern, layouts: route.layouts, page: mod.default, static: mod.config?.static },
      params,
    );
    if (mod.config?.csrf !== false && isCrossSite(req, ctx.url)) {
      return new Response("Cross-site request refused", { status: 403 });
    }
    const method = req.method as Method;
    let handler: Handler | undefined;
    if (typeof mod.handler === "function") handler = mod.handler;
    else if (mod.handler && !Array.isArray(mod.handler)) {
      handler = mod.handler[method] ?? (method === "HEAD" ? mod.handler.GET : undefined);
    }
    if (!handler && mod.default && (method === "GET" || method === "HEAD") && typeof mod.handler !== "function") {
      handler = (_req, c) => c.render();
    }
    if (!handler) {
      const allowed = typeof mod.handler === "object" && !Array.isArray(mod.handler)
        ? Object.keys(mod.handler)
        : mod.default
        ? ["GET"]
        : [];
      if (allowed.includes("GET")) allowed.push("HEAD");
      return new Response("Method Not Allowed", { status: 405, headers: { allow: allowed.join(", ") } });
    }
    const final = handler;
    return await runChain(route.middlewares, ctx, async () => {
      const res = await final(req, ctx);
      return method === "HEAD" && res.body ? new Response(null, res) : res;
    });
  };

  app.use("*", async (c, next) => {
    const path = decodePath(new URL(c.req.url).pathname);
    const method = c.req.method;
    if ((method === "GET" || method === "HEAD") && !path.includes("..")) {
      if (opts.dev && path.startsWith("/_islands/")) staticFiles = await listStatic(opts.root);
      if (staticFiles.has(path)) {
        c.res = await serveStatic(opts.root, path, c.req.raw, staticFiles);
        return;
      }
    }
    await next();
  });

  for (const route of table.routes) {
    app.on(METHODS, route.pattern, (c) => dispatch(route, c.req.raw, c.env, c.req.param() as Record<string, string>));
  }

  app.notFound(async (c) => {
    const ctx = makeContext(c.req.raw, c.env, { pattern: "/_404", layouts: [] }, {});
    return await runChain(table.rootMiddlewares, ctx, () => notFound(c.req.raw, c.env, ctx.state));
  });
  app.onError((err, c) => renderError(c.req.raw, c.env, err));

  return async (req, info) => {
    const env: Env = { remoteAddr: info?.remoteAddr?.hostname ?? "127.0.0.1", nonce: newNonce() };
    let res = await app.fetch(req, env);
    try {
      securityHeaders(res.headers, { nonce: env.nonce, dev: !!opts.dev });
    } catch {
      // Responses such as Response.redirect() have immutable headers.
      res = new Response(res.body, res);
      securityHeaders(res.headers, { nonce: env.nonce, dev: !!opts.dev });
    }
    cachePolicy(req, res);
    return await compressResponse(req, res);
  };
}
