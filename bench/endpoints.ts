/**
 * What the bench measures. Add a line when a page or API route lands: `{name}` placeholders are
 * filled from the bench org (`org`) and records the probe picks (`deal`, `company`, `contact`,
 * `lead`: the one with the most activities; `q`: the most common contact last name).
 * A route that answers 404 is reported as missing rather than failing the run.
 */
export type EndpointKind = "floor" | "page" | "json" | "api";

export interface Endpoint {
  name: string;
  path: string;
  kind: EndpointKind;
  /** Sent with the bench user's session cookie (pages) or one of the bench's API keys, in turn (`api`). */
  auth?: boolean;
  /** POST, with this JSON body (each request the same). */
  post?: unknown;
  /** A p95 budget of its own (API reads, the reports page). */
  p95BudgetMs?: number;
  /** Board and list pages: p95 under the bench's default latency budget. */
  latencyBudget?: boolean;
  /**
   * Each request asks for another variant of the path (`{from}`/`{to}` filled by `variant`), so a
   * page that caches what it computes is measured on what it computes; the probe replays a miss.
   */
  vary?: boolean;
  /** Also measure the page reached by following its `rel="next"` link this many times. */
  deep?: boolean;
  /** JavaScript budget in bytes on the wire, as a browser gets them (pages with islands). */
  jsWireBudget?: number;
}

export const ENDPOINTS: Endpoint[] = [
  { name: "floor", path: "/bench/floor", kind: "floor" },
  { name: "healthz", path: "/healthz", kind: "json" },
  { name: "landing", path: "/", kind: "page" },
  { name: "pricing", path: "/pricing", kind: "page" },
  { name: "login", path: "/login", kind: "page" },
  { name: "org home", path: "/app/{org}", kind: "page", auth: true },
  { name: "board", path: "/app/{org}/deals", kind: "page", auth: true, latencyBudget: true, jsWireBudget: 40 * 1024 },
  { name: "deals list", path: "/app/{org}/deals/list", kind: "page", auth: true, latencyBudget: true, deep: true },
  { name: "companies", path: "/app/{org}/companies", kind: "page", auth: true, latencyBudget: true, deep: true },
  { name: "contacts", path: "/app/{org}/contacts", kind: "page", auth: true, latencyBudget: true, deep: true },
  { name: "leads", path: "/app/{org}/leads", kind: "page", auth: true, latencyBudget: true, deep: true },
  { name: "customers", path: "/app/{org}/customers", kind: "page", auth: true, latencyBudget: true, deep: true },
  { name: "tasks", path: "/app/{org}/tasks", kind: "page", auth: true, latencyBudget: true },
  { name: "deal detail", path: "/app/{org}/deals/{deal}", kind: "page", auth: true },
  { name: "company detail", path: "/app/{org}/companies/{company}", kind: "page", auth: true },
  { name: "contact detail", path: "/app/{org}/contacts/{contact}", kind: "page", auth: true },
  { name: "lead detail", path: "/app/{org}/leads/{lead}", kind: "page", auth: true },
  { name: "search", path: "/app/{org}/search?q={q}", kind: "page", auth: true },
  {
    name: "reports",
    path: "/app/{org}/reports",
    kind: "page",
    auth: true,
    p95BudgetMs: 150,
    jsWireBudget: 60 * 1024,
  },
  {
    name: "reports (cache misses)",
    path: "/app/{org}/reports?range=custom&from={from}&to={to}",
    kind: "page",
    auth: true,
    vary: true,
  },
  // The bell's poll (issue 19), at 100,000 notifications in the org (seeded by probe.ts).
  { name: "notification count", path: "/notifications/count/{org}", kind: "json", auth: true, p95BudgetMs: 20 },
  { name: "api contacts", path: "/api/v1/contacts?limit=100", kind: "api", auth: true, p95BudgetMs: 50 },
  { name: "api deal", path: "/api/v1/deals/{deal}", kind: "api", auth: true, p95BudgetMs: 50 },
  {
    name: "api create contact",
    path: "/api/v1/contacts",
    kind: "api",
    auth: true,
    post: { first_name: "Bench", last_name: "Contact", email: "bench@example.test" },
  },
];

/**
 * The `i`th variant of a varying path: a custom range of 300 to 364 days ending in the last 60 days (where the
 * seeded data is densest), each `i` below 3,900 a different one.
 */
export function variant(path: string, i: number): string {
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const end = i % 60;
  const start = end + 300 + Math.floor(i / 60) % 65;
  // fillPath leaves placeholders it has no value for, URL-encoded.
  return path.replace(/\{from\}|%7Bfrom%7D/, day(start)).replace(/\{to\}|%7Bto%7D/, day(end));
}

/** The request an endpoint sends: method, body and headers, with `credential` (a cookie or a bearer key). */
export function requestOf(ep: Endpoint, credential: { cookie: string; apiKey: string }) {
  const headers: Record<string, string> = {};
  if (ep.auth && ep.kind === "api") headers.authorization = `Bearer ${credential.apiKey}`;
  else if (ep.auth) headers.cookie = credential.cookie;
  if (ep.post === undefined) return { method: "GET", headers };
  headers["content-type"] = "application/json";
  return { method: "POST", headers, body: JSON.stringify(ep.post) };
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(values[key] ?? `{${key}}`));
}

/** The `rel="next"` link of a page (an `<a>`/`<link>` or a `Link` header), resolved against its URL. */
export function nextLink(url: string, body: string, headers: Headers): string | null {
  const header = headers.get("link")?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  const tag = body.match(/<(?:a|link)\b[^>]*\brel="next"[^>]*>/)?.[0];
  const href = header?.[1] ?? tag?.match(/\bhref="([^"]*)"/)?.[1];
  if (!href) return null;
  const u = new URL(href.replaceAll("&amp;", "&"), url);
  return u.pathname + u.search;
}
