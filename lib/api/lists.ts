/**
 * The API's lists: keyset pages of up to 100 items walking an index, with an opaque `next_cursor` that
 * also names its sort (a cursor of another sort, or not one a list gave, is a 400). Built on the lib list
 * queries the app's pages use, so filters and visibility are the same.
 */
import { type SelectQueryBuilder, sql } from "kysely";
import * as z from "zod";
import type { DB } from "@/db/schema.ts";
import { decodeCursor, keysetPage, type Sort, toPage } from "../records/list.ts";
import { ApiProblem } from "./problem.ts";

export const MAX_LIMIT = 100;

/** Least recently updated first: with `updated_since`, what a sync reads. */
export const updatedSort = (table: string): Sort => ({
  label: "Updated, oldest first",
  keys: [{ expr: sql.ref(`${table}.updated_at`), type: "timestamptz" }],
  dir: "asc",
});

const OWNER = z.union([z.literal("me"), z.literal("none"), z.uuid()])
  .describe('"me", "none" (unassigned) or a member\'s id');

/** The query string every list takes, with its sorts and any filters of its own. */
export function listQuery<S extends string, E extends z.ZodRawShape>(sorts: readonly [S, ...S[]], extra: E) {
  return z.strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(25).describe(`Items per page, 1 to ${MAX_LIMIT}`),
    cursor: z.string().max(500).optional().describe("The `next_cursor` of the page before"),
    sort: z.enum(sorts).default(sorts[0]),
    updated_since: z.iso.datetime({ offset: true }).optional()
      .describe("Only items changed at or after this time (ISO 8601)"),
    ...extra,
  });
}

export const ownerFilter = { owner: OWNER.optional() };
export const searchFilter = { q: z.string().trim().max(200).optional().describe("Words to search for") };

/** The lib list queries' filters from an API list's query (the API sorts and pages by its own cursor). */
export function listFilters(query: { q?: string; owner?: string }) {
  return { q: query.q ?? "", owner: query.owner ?? "", sort: "" as never, after: null };
}

/** The owner a new record gets: the one named (null for nobody), else the key's member. */
export const ownerOr = (auth: { user: { id: string } }, owner: string | null | undefined) =>
  owner === undefined ? auth.user.id : owner;

export interface ListInput {
  limit: number;
  cursor?: string;
  sort: string;
  updated_since?: string;
}

export interface ListPage<R> {
  data: R[];
  has_more: boolean;
  next_cursor: string | null;
}

/** The lib's cursor inside the API's, checked against the sort asked for. */
function libCursor(p: ListInput, sort: Sort): string | null {
  if (!p.cursor) return null;
  const dot = p.cursor.indexOf(".");
  const inner = p.cursor.slice(dot + 1);
  if (dot < 0 || p.cursor.slice(0, dot) !== p.sort || !decodeCursor(inner, sort)) {
    throw new ApiProblem("invalid-cursor", "This cursor is not one this list gave with this sort; start without one.");
  }
  return inner;
}

/** One page of `qb` (a select from `table`, already filtered and visible to the caller). */
export async function listPage(
  // deno-lint-ignore no-explicit-any
  qb: SelectQueryBuilder<DB, any, { id: string }>,
  table: string,
  sorts: Record<string, Sort>,
  p: ListInput,
): Promise<ListPage<{ id: string }>> {
  const sort = sorts[p.sort];
  const since = p.updated_since ? qb.where(sql.ref(`${table}.updated_at`), ">=", new Date(p.updated_since)) : qb;
  const rows = await keysetPage(since, table, sort, libCursor(p, sort), p.limit).execute();
  const page = toPage(rows, sort, 0, p.limit);
  return { data: page.rows, has_more: page.next !== null, next_cursor: page.next && `${p.sort}.${page.next}` };
}

/** A list response's schema: `data` of `item`s and the cursor of the next page. */
export const listOf = (item: z.ZodType, id: string) =>
  z.object({
    object: z.literal("list").default("list"),
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  }).meta({ id });

/** The `Link: <…>; rel="next"` header of a page. */
export function nextLink(url: URL, next: string | null): HeadersInit {
  if (!next) return {};
  const u = new URL(url);
  u.searchParams.set("cursor", next);
  return { link: `<${u.pathname}${u.search}>; rel="next"` };
}
