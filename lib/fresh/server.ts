/**
 * The request pipeline: static files, then file-system routes (Hono's router, in Fresh's
 * precedence), each through its `_middleware` chain into its handler or page.
 */
import { Hono } from "hono";
import type { IslandAssets } from "./assets.ts";
import { cachePolicy } from "./cache.ts";
import { compressResponse } from "./compress.ts";
import { errorPages } from "./error_pages.ts";
import { cleanUrl, decodePath } from "./input.ts";
import { registerIslands } from "./islands.ts";
import { renderPage } from "./render.ts";
import { buildRouteTable, type RouteEntry } from "./routes.ts";
import { isCrossSite, newNonce, securityHeaders } from "./security.ts";
import { listStatic, serveStatic } from "./static.ts";
import { staticPageCache } from "./static_pages.ts";
import { createStyler, type TwindConfig } from "./twind.ts";
import type { AnyState, FreshContext, Handler, Manifest, Method, PageRoute, RequestEnv, RouteModule } from "./types.ts";
import { METHODS } from "./types.ts";

export interface ServerOptions {
  root: string;
  dev?: boolean;
  twind?: TwindConfig;
  /** The island build; called per request in dev so rebuilds are picked up. */
  assets: () => IslandAssets | null | Promise<IslandAssets | null>;
  onError?: (err: unknown, req: Request) => void;
}

export type RequestHandler = (req: Request, info?: { remoteAddr?: { hostname: string } }) => Promise<Response>;

/**
 * A route's handler for `method` (HEAD falls back to GET; a page without one renders), or a 405
 * naming the methods it allows.
 */
function handlerFor(mod: RouteModule, method: Method): Handler | Response {
  let handler: Handler | undefined;
  if (typeof mod.handler === "function") handler = mod.handler;
  else if (mod.handler && !Array.isArray(mod.handler)) {
    handler = mod.handler[method] ?? (method === "HEAD" ? mod.handler.GET : undefined);
  }
  if (!handler && mod.default && (method === "GET" || method === "HEAD") && typeof mod.handler !== "function") {
    handler = (_req, c) => c.render();
  }
  if (handler) return handler;
  const allowed = typeof mod.handler === "object" && !Array.isArray(mod.handler)
    ? Object.keys(mod.handler)
    : mod.default
    ? ["GET"]
    : [];
  if (allowed.includes("GET")) allowed.push("HEAD");
  return new Response("Method Not Allowed", { status: 405, headers: { allow: allowed.join(", ") } });
}

/** Runs the middlewares in order, each `ctx.next()` calling the next one, the last one `final`. */
async function runChain(middlewares: RouteModule[], ctx: FreshContext, final: () => Promise<Response>) {
  const handlers = middlewares.flatMap((m) => [m.handler].flat()).filter((h): h is Handler => typeof h === "function");
  const step = (i: number): Promise<Response> => {
    if (i >= handlers.length) return final();
    ctx.next = () => step(i + 1);
    return Promise.resolve(handlers[i](ctx.req, ctx));
  };
  return await step(0);
}

export async function createHandler(manifest: Manifest, opts: ServerOptions): Promise<RequestHandler> {
  registerIslands(manifest.islands);
  const table = buildRouteTable(manifest);
  const style = createStyler(opts.twind);
  let staticFiles = await listStatic(opts.root);
  const staticPages = staticPageCache();
  const app = new Hono<{ Bindings: RequestEnv }>();

  const makeContext = (
    req: Request,
    env: RequestEnv,
    route: PageRoute,
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
        const page = route.page;
        const key = route.static && !opts.dev && data === undefined ? ctx.url.pathname + ctx.url.search : null;
        const { html, preload } = await staticPages(key, env.nonce, async (nonce) =>
          renderPage({
            app: table.app,
            layouts: route.layouts,
            page,
            props: { data, params, url: ctx.url, state: ctx.state, route: route.pattern },
            nonce,
            assets: await opts.assets(),
            style,
          }));
        const headers = new Headers(init?.headers);
        headers.set("content-type", "text/html; charset=utf-8");
        if (preload.length) headers.append("link", preload.map((p) => `<${p}>; rel="modulepreload"`).join(", "));
        return new Response(req.method === "HEAD" ? null : html, { ...init, headers });
      },
      renderNotFound: () => pages.notFound(req, env, ctx.state),
      next: () => Promise.reject(new Error("next() called outside middleware")),
    };
    return ctx;
  };
  const pages = errorPages(table, makeContext, opts.onError);

  const dispatch = async (route: RouteEntry, req: Request, env: RequestEnv, params: Record<string, string>) => {
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
    const handler = handlerFor(mod, method);
    if (handler instanceof Response) return handler;
    return await runChain(route.middlewares, ctx, async () => {
      const res = await handler(req, ctx);
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
    return await runChain(table.rootMiddlewares, ctx, () => pages.notFound(c.req.raw, c.env, ctx.state));
  });
  app.onError((err, c) => pages.renderError(c.req.raw, c.env, err));

  return async (req, info) => {
    const env: RequestEnv = { remoteAddr: info?.remoteAddr?.hostname ?? "127.0.0.1", nonce: newNonce() };
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
