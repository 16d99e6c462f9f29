/** Garbage request bodies for the never-a-500 tests: missing fields, long strings, wrong types, odd unicode. */

export const HUGE = "x".repeat(10 * 1024 * 1024);
/** Long enough to pass every field's limit; 100 fields of it stay under the 16 MB body limit. */
const LONG = "x".repeat(100 * 1024);
/** Just over the forms' 16 MB body limit (lib/http/forms.ts). */
const OVER_LIMIT = `x=${"x".repeat(16 * 1024 * 1024)}`;
const ECHO = "x".repeat(5000);

/** Whether a page sent back a run of a long value (forms echo at most a capped prefix of what was sent). */
export const echoesLongValue = (text: string) => text.includes(ECHO);
export const UNICODE = "Zoë 🎉 𝔘𝔫𝔦 \u0000 \u202e\uFFFF Ω≈ç√ 漢字 ‏ \ud800";

/** Bodies of every kind of garbage for a form reading `fields`. */
export function garbageBodies(fields: string[]): [label: string, init: RequestInit][] {
  if (fields.length > 150) throw new Error("too many fields: the 100 KB body would pass the body limit");
  const all = (v: string) => new URLSearchParams(fields.map((f) => [f, v]));
  const urlencoded = { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" };
  const multipart = new FormData();
  for (const f of fields) multipart.append(f, new Blob(["file"]), "f.txt");
  const repeated = new URLSearchParams(fields.flatMap((f) => [[f, "a"], [f, "b"], [`${f}[]`, "c"]]));
  return [
    ["missing fields", { body: "", headers: urlencoded }],
    ["100 KB in every field", { body: all(LONG).toString(), headers: urlencoded }],
    ["10 MB in one field", {
      body: new URLSearchParams(fields.map((f, i) => [f, i ? "x" : HUGE])).toString(),
      headers: urlencoded,
    }],
    ["over the body limit", { body: OVER_LIMIT, headers: urlencoded }],
    ["unicode", { body: all(UNICODE).toString(), headers: urlencoded }],
    ["repeated keys", { body: repeated.toString(), headers: urlencoded }],
    ["numbers", { body: all("-1e309").toString(), headers: urlencoded }],
    ["JSON", {
      body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, [1, { a: null }]]))),
      headers: { "content-type": "application/json", origin: "http://localhost:8000" },
    }],
    ["files", { body: multipart, headers: { origin: "http://localhost:8000" } }],
    ["broken multipart", {
      body: "--x\r\nnonsense",
      headers: { "content-type": "multipart/form-data; boundary=x", origin: "http://localhost:8000" },
    }],
    ["bad percent-encoding", { body: fields.map((f) => `${f}=%E0%A4%A`).join("&"), headers: urlencoded }],
  ];
}

/** POSTs every garbage body to `path` through `send`; what went wrong: a 5xx, or a long value sent back. */
export async function postGarbage(
  path: string,
  fields: string[],
  send: (init: RequestInit) => Promise<Response>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const [label, init] of garbageBodies(fields)) {
    const res = await send({ ...init, method: "POST" });
    const text = await res.text();
    if (res.status >= 500) failures.push(`${path} (${label}): ${res.status} ${text.slice(0, 200)}`);
    if (echoesLongValue(text)) failures.push(`${path} (${label}): echoed a long value`);
  }
  return failures;
}

/** Garbage for a path segment: malformed and dangerous escapes, control characters, huge and odd values. */
export const PATH_GARBAGE = [
  ...["%", "%ZZ", "%E0%A4%A", "%C0%AF", "%FF%FE", "%00", "%0d%0a", "%09", "%2F", "%5C", "..", "%2e%2e"],
  ...["x".repeat(3000), encodeURIComponent(UNICODE.replaceAll("\ud800", "")), "-1e309", "'", "%25"],
];

/** Every query parameter any page reads. */
const QUERY_KEYS = ["q", "next", "token", "status", "state", "kind", "stage", "pipeline", "company", "owner", "sort"];
const QUERY_KEYS_2 = [
  "after",
  "before",
  "deleted",
  "done",
  "error",
  "notice",
  "to",
  "page",
  "seats",
  "plan",
  "sent",
  "unread",
];

/** Query strings, raw as they would arrive: every key at once with each garbage value, and broken shapes. */
export const QUERY_GARBAGE = [
  ...PATH_GARBAGE.filter((v) => v !== "x".repeat(3000)),
  "x".repeat(10_000),
  "//evil.example/",
  "/%09/evil.example/",
].map((v) => [...QUERY_KEYS, ...QUERY_KEYS_2].map((k) => `${k}=${v}`).join("&"))
  .concat(["%", "%ZZ=%ZZ", "=&&=&", "q&q=1&q[]=2&q[a]=3", "%00=%00", "next=%0d%0aLocation:%20//evil.example"]);

export interface RouteUrl {
  file: string;
  /** The route's path with its parameters filled in. */
  path: string;
  /** One path per parameter with garbage in its place (and, for routes without parameters, after the path). */
  garbled: string[];
  get: boolean;
  post: boolean;
}

/** Every route of the manifest as a real path (`fill` gives a parameter's value from the segment before it). */
export function routeUrls(
  routes: Record<string, { handler?: unknown; default?: unknown }>,
  fill: (param: string, folder: string) => string,
): RouteUrl[] {
  return Object.entries(routes).filter(([file]) => !/\/_\w+\.tsx?$/.test(file)).map(([file, mod]) => {
    const segments = file.replace(/^\.\/routes/, "").replace(/\.tsx?$/, "").replace(/\/index$/, "").split("/")
      .filter((s) => !/^\(.+\)$/.test(s));
    const value = (s: string, i: number) => {
      const param = s.match(/^\[(?:\.\.\.)?(\w+)\]$/)?.[1];
      return param ? fill(param, segments[i - 1]) : s;
    };
    const filled = segments.map(value);
    const params = segments.flatMap((s, i) => /^\[/.test(s) ? [i] : []);
    const garbled = params.length
      ? params.flatMap((i) => PATH_GARBAGE.map((g) => filled.with(i, g).join("/")))
      : PATH_GARBAGE.map((g) => `${filled.join("/")}/${g}`.replace(/^\/\//, "/"));
    const handler = mod.handler as Record<string, unknown> | ((...a: unknown[]) => unknown) | undefined;
    const get = typeof handler === "function" || !!handler?.GET || (!!mod.default && !handler);
    const post = typeof handler === "function" || !!handler?.POST;
    return { file, path: filled.join("/") || "/", garbled, get, post: post };
  });
}

/**
 * Requests every route with garbage in its path and query string (GET where the route answers GET;
 * POST with an empty form where a parameter is garbled): the failures, each a 5xx or an off-site Location.
 */
export async function sweepUrls(
  fetch: (path: string, init?: RequestInit) => Promise<Response>,
  urls: RouteUrl[],
  origin: string,
): Promise<string[]> {
  const failures: string[] = [];
  const check = async (label: string, res: Response) => {
    await res.body?.cancel();
    if (res.status >= 500) failures.push(`${label}: ${res.status}`);
    const location = res.headers.get("location");
    if (location !== null && new URL(location, origin).origin !== origin) failures.push(`${label}: to ${location}`);
  };
  const post = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin } };
  for (const url of urls) {
    for (const path of url.garbled) {
      if (url.get) await check(`GET ${path.slice(0, 120)}`, await fetch(path));
      if (url.post) await check(`POST ${path.slice(0, 120)}`, await fetch(path, { ...post, body: "" }));
    }
    if (!url.get) continue;
    for (const query of QUERY_GARBAGE) {
      await check(`GET ${url.path}?${query.slice(0, 100)}`, await fetch(`${url.path}?${query}`));
    }
  }
  return failures;
}
