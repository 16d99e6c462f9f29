/**
 * CSV exports of the record lists: the rows a list shows, with its filters and in its order, read
 * in keyset batches (each in its own short transaction) and streamed, so a 100k-row export holds
 * neither a transaction nor the whole file. Exports work while the workspace is read-only.
 */
import { stringify } from "csv-stringify/sync";
import type { SelectQueryBuilder } from "kysely";
import type { DB } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { keysetPage, type Sort, toPage } from "./list.ts";
import { inOrg } from "./records.ts";

const BATCH = 1_000;

export interface CsvSource<R extends { id: string }> {
  /** File name without extension, e.g. "contacts". */
  name: string;
  table: string;
  sort: Sort;
  // deno-lint-ignore no-explicit-any
  query(q: OrgScope): SelectQueryBuilder<DB, any, R>;
  columns: [header: string, value: (row: R) => unknown][];
}

/** Declares a source, inferring its row type from the query. */
export function csvSource<R extends { id: string }>(source: CsvSource<R>): CsvSource<R> {
  return source;
}

/** Spreadsheet apps run a cell starting with one of these as a formula: exported text is defused. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** Every row `query` reads, in `sort` order, a batch at a time, each batch read in its own short transaction. */
export async function* batches<R extends { id: string }>(
  auth: AuthContext,
  table: string,
  sort: Sort,
  // deno-lint-ignore no-explicit-any
  query: (q: OrgScope) => SelectQueryBuilder<DB, any, R>,
): AsyncGenerator<R[]> {
  let cursor: string | null = null;
  do {
    const rows = await inOrg(auth, (q) => keysetPage(query(q), table, sort, cursor, BATCH).execute());
    const page = toPage(rows as R[], sort, 0, BATCH);
    if (page.rows.length) yield page.rows;
    cursor = page.next;
  } while (cursor);
}

/** The CSV of `source` as `auth` sees it: the header line, then one chunk per batch. */
export async function* csvChunks<R extends { id: string }>(
  auth: AuthContext,
  source: CsvSource<R>,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = (rows: unknown[][]) => encoder.encode(stringify(rows.map((values) => values.map(csvCell))));
  yield lines([source.columns.map(([header]) => header)]);
  for await (const rows of batches(auth, source.table, source.sort, source.query)) {
    yield lines(rows.map((row) => source.columns.map(([, value]) => value(row))));
  }
}

export function csvResponse<R extends { id: string }>(auth: AuthContext, source: CsvSource<R>): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(ReadableStream.from(csvChunks(auth, source)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${auth.org.slug}-${source.name}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
