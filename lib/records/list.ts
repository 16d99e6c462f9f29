/**
 * Keyset pagination for record lists: rows ordered by whitelisted sort keys with the id as the
 * tiebreaker; the next page starts after the last row's keys, carried in an opaque URL cursor.
 * Each sort matches an index that leads with org_id, so a page costs the same at any depth.
 */
import { type RawBuilder, type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import type { DB } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import { decodeBase64Url, encodeBase64Url } from "../fresh/base64url.ts";
import { UUID } from "./fields.ts";

export const PAGE_SIZE = 25;

export interface SortKey {
  expr: RawBuilder<unknown>;
  type: "text" | "timestamptz" | "bigint";
}

export interface Sort {
  label: string;
  /** Keys before the id; none sorts by id alone (ids are UUIDv7, so that is creation order). */
  keys: SortKey[];
  dir: "asc" | "desc";
}

export interface Page<R> {
  rows: R[];
  /** Cursor of the page after this one, or null on the last page. */
  next: string | null;
  /** Matching rows, counted up to COUNT_CAP + 1 (more than COUNT_CAP shows as "10,000+"). */
  total: number;
}

/** Lists count their matches up to this: a count stays cheap however large the org grows. */
export const COUNT_CAP = 10_000;

/** How many rows `base` (a query of `q`) matches, up to COUNT_CAP + 1. */
// deno-lint-ignore no-explicit-any
export async function countMatches(q: OrgScope, base: SelectQueryBuilder<DB, any, any>): Promise<number> {
  const matches = base.clearSelect().select(sql.lit(1).as("one")).limit(COUNT_CAP + 1).as("matches");
  const { n } = await q.trx.selectFrom(matches).select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function encodeCursor(values: unknown[]): string {
  const json = JSON.stringify(values.map((v) => v instanceof Date ? v.toISOString() : String(v)));
  return encodeBase64Url(new TextEncoder().encode(json));
}

/** The cursor's values if it fits `sort` (else null: a tampered cursor means the first page). */
export function decodeCursor(cursor: string | null | undefined, sort: Sort): string[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(new TextDecoder().decode(decodeBase64Url(cursor)));
    if (!Array.isArray(values) || values.length !== sort.keys.length + 1) return null;
    if (!values.every((v) => typeof v === "string")) return null;
    if (!UUID.test(values[values.length - 1])) return null;
    const typed = sort.keys.every((k, i) =>
      k.type === "text" ||
      (k.type === "timestamptz" ? !Number.isNaN(Date.parse(values[i])) : /^-?\d{1,18}$/.test(values[i]))
    );
    return typed ? values : null;
  } catch {
    return null;
  }
}

/**
 * One page of `qb` in `sort` order after `cursor`: selects the sort keys (as `sort_0`, …),
 * filters past the cursor and fetches one row more than a page to know if there is a next one.
 */
// deno-lint-ignore no-explicit-any
export function keysetPage<QB extends SelectQueryBuilder<DB, any, any>>(
  qb: QB,
  table: string,
  sort: Sort,
  cursor: string | null | undefined,
  limit = PAGE_SIZE,
): QB {
  const id = sql.ref(`${table}.id`);
  const dir = sql.raw(sort.dir);
  // deno-lint-ignore no-explicit-any
  let q: SelectQueryBuilder<DB, any, any> = qb;
  // Timestamps go into the cursor as Postgres prints them: a JS Date would drop their microseconds.
  sort.keys.forEach((k, i) => q = q.select((k.type === "timestamptz" ? sql`${k.expr}::text` : k.expr).as(`sort_${i}`)));
  const after = decodeCursor(cursor, sort);
  if (after) {
    const op = sql.raw(sort.dir === "asc" ? ">" : "<");
    const left = sql.join([...sort.keys.map((k) => k.expr), id]);
    const right = sql.join([
      ...sort.keys.map((k, i) => sql`${after[i]}::${sql.raw(k.type)}`),
      sql`${after[after.length - 1]}::uuid`,
    ]);
    q = q.where(sql<SqlBool>`(${left}) ${op} (${right})`);
  }
  for (const k of sort.keys) q = q.orderBy(sql`${k.expr} ${dir}`);
  return q.orderBy(sql`${id} ${dir}`).limit(limit + 1) as QB;
}

/** Trims the extra row off and makes the next page's cursor from the last row shown. */
export function toPage<R extends { id: string }>(rows: R[], sort: Sort, total: number, limit = PAGE_SIZE): Page<R> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1] as R & Record<string, unknown>;
  const next = rows.length > limit && last
    ? encodeCursor([...sort.keys.map((_, i) => last[`sort_${i}`]), last.id])
    : null;
  return { rows: shown, next, total };
}

/** A list's query string: unknown or malformed values fall back to defaults instead of failing. */
export function listParams<S extends string>(url: URL, sorts: Record<S, Sort>, defaultSort: S) {
  const get = (k: string) => url.searchParams.get(k) ?? "";
  return {
    q: get("q").trim().slice(0, 200),
    /** "" (anyone), "me", "none" (unassigned) or a user id. */
    owner: ["me", "none"].includes(get("owner")) || UUID.test(get("owner")) ? get("owner") : "",
    sort: (get("sort") in sorts ? get("sort") : defaultSort) as S,
    after: get("after") || null,
  };
}

export type ListParams<S extends string = string> = ReturnType<typeof listParams<S>>;

/** The owner filter of a list ("me", "none" or a user id) as a condition, or null for anyone. */
export function ownerCondition(table: string, owner: string, userId: string): RawBuilder<SqlBool> | null {
  const col = sql.ref(`${table}.owner_id`);
  if (owner === "me") return sql<SqlBool>`${col} = ${userId}`;
  if (owner === "none") return sql<SqlBool>`${col} IS NULL`;
  return owner ? sql<SqlBool>`${col} = ${owner}` : null;
}
