/**
 * Free text typed by a user → a prefix full-text query for the `search` tsvector columns:
 * "ann acme" becomes `ann:* & acme:*`. Operators are dropped, so no input can be a syntax error.
 */
import { type RawBuilder, sql, type SqlBool } from "kysely";

const MAX_TERMS = 8;

/** The tsquery text, or null when the input has nothing to search for. */
export function prefixQuery(input: string): string | null {
  const terms = input.normalize("NFKC").split(/\s+/)
    // Keep what the parser reads as parts of words, emails and hosts; drop tsquery operators.
    .map((t) => t.replace(/[^\p{L}\p{N}@._-]+/gu, "").replace(/^[@._-]+|[@._-]+$/g, ""))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS);
  return terms.length ? terms.map((t) => `${t}:*`).join(" & ") : null;
}

/** `<table>.search @@ to_tsquery('simple', …)`: served by the table's GIN index. */
export function matches(table: string, query: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${table}.search`)} @@ to_tsquery('simple', ${query})`;
}
