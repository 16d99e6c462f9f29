/** Turns the manifest's file paths into an ordered route table (Fresh's precedence rules). */
import type { Manifest, RouteModule } from "./types.ts";

export interface RouteEntry {
  file: string;
  /** Hono pattern, e.g. `/app/:org/deals/:id` or `/docs/:rest{.*}`. */
  pattern: string;
  module: RouteModule;
  /** `_middleware` modules from the root down to the route's folder. */
  middlewares: RouteModule[];
  /** `_layout` modules from the root down to the route's folder. */
  layouts: RouteModule[];
  rank: number[];
}

export interface RouteTable {
  routes: RouteEntry[];
  app?: RouteModule;
  notFound?: RouteModule;
  error?: RouteModule;
  rootMiddlewares: RouteModule[];
}

const SPECIAL = /^_(app|layout|middleware|404|500)$/;

function stripExt(path: string) {
  return path.replace(/\.(tsx|ts|jsx|js)$/, "");
}

/** `./routes/a/(g)/[id]/index.tsx` → folders `["a", "(g)", "[id]"]`, name `index`. */
function split(file: string) {
  const parts = stripExt(file.replace(/^\.\/routes\//, "")).split("/");
  return { folders: parts.slice(0, -1), name: parts[parts.length - 1] };
}

/** Static segments beat `[param]`, which beats `[...rest]`. Lower ranks sort first. */
function segment(seg: string): { pattern: string | null; rank: number } {
  if (/^\(.+\)$/.test(seg)) return { pattern: null, rank: -1 };
  const rest = seg.match(/^\[\.\.\.(\w+)\]$/);
  if (rest) return { pattern: `:${rest[1]}{.*}`, rank: 2 };
  const param = seg.match(/^\[(\w+)\]$/);
  if (param) return { pattern: `:${param[1]}`, rank: 1 };
  if (seg === "index") return { pattern: null, rank: -1 };
  return { pattern: seg, rank: 0 };
}

export function buildRouteTable(manifest: Manifest): RouteTable {
  const byFolder = new Map<string, { middleware?: RouteModule; layout?: RouteModule }>();
  const table: RouteTable = { routes: [], rootMiddlewares: [] };
  for (const [file, module] of Object.entries(manifest.routes)) {
    const { folders, name } = split(file);
    const key = folders.join("/");
    const entry = byFolder.get(key) ?? {};
    if (name === "_middleware") entry.middleware = module;
    if (name === "_layout") entry.layout = module;
    byFolder.set(key, entry);
    if (key === "" && name === "_app") table.app = module;
    if (key === "" && name === "_404") table.notFound = module;
    if (key === "" && name === "_500") table.error = module;
  }
  const root = byFolder.get("");
  if (root?.middleware) table.rootMiddlewares.push(root.middleware);

  for (const [file, module] of Object.entries(manifest.routes)) {
    const { folders, name } = split(file);
    if (SPECIAL.test(name)) continue;
    const middlewares: RouteModule[] = [];
    const layouts: RouteModule[] = [];
    for (let i = 0; i <= folders.length; i++) {
      const entry = byFolder.get(folders.slice(0, i).join("/"));
      if (entry?.middleware) middlewares.push(entry.middleware);
      if (entry?.layout) layouts.push(entry.layout);
    }
    const segs = [...folders, name].map(segment).filter((s) => s.pattern !== null);
    const pattern = "/" + segs.map((s) => s.pattern).join("/");
    const config = module.config;
    table.routes.push({
      file,
      pattern,
      module,
      middlewares,
      layouts: config?.skipInheritedLayouts ? layouts.slice(-1) : layouts,
      rank: segs.map((s) => s.rank),
    });
  }
  table.routes.sort(compareRoutes);
  return table;
}

function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  const n = Math.max(a.rank.length, b.rank.length);
  for (let i = 0; i < n; i++) {
    const ra = a.rank[i] ?? -1;
    const rb = b.rank[i] ?? -1;
    if (ra !== rb) return ra - rb;
  }
  return a.pattern.localeCompare(b.pattern);
}
