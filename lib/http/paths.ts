/**
 * The app's URLs under an org, built in one place. Pure and import-free, so islands may use it.
 *
 *   orgPath("acme")                             → /app/acme
 *   orgPath("acme", "deals", id, "move")        → /app/acme/deals/<id>/move
 *   orgPath("acme", "deals", "list", { pipeline: id, status: "won" })
 *                                               → /app/acme/deals/list?pipeline=<id>&status=won
 */

/** Query parameters; empty, null and undefined values are left out. */
export type Query = Record<string, string | number | null | undefined>;

export function orgPath(slug: string, ...parts: string[] | [...string[], Query]): string {
  const last = parts.at(-1);
  const query = typeof last === "object" ? last : {};
  const segments = parts.filter((p): p is string => typeof p === "string");
  return withQuery(["/app", slug, ...segments].join("/"), query);
}

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v != null && v !== "") params.set(k, String(v));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
