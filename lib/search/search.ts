/**
 * Global search across companies, contacts, leads and deals: prefix full-text matching on each
 * table's `search` vector (GIN-indexed), within the org and the user's visibility.
 */
import { type RawBuilder, sql } from "kysely";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import { countMatches } from "../records/list.ts";
import { inOrg, RECORDS } from "../records/records.ts";
import { visibleTo } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { matches, prefixQuery } from "../data/tsquery.ts";

export interface SearchHit {
  id: string;
  title: string;
  subtitle: string | null;
}

export interface SearchGroup {
  type: RecordType;
  total: number;
  hits: SearchHit[];
}

const SUBTITLE: Record<RecordType, RawBuilder<string | null>> = {
  company: sql`companies.domain`,
  contact: sql`contacts.email`,
  lead: sql`concat_ws(' · ', leads.company_name, leads.status)`,
  deal: sql`deals.status`,
};

export const SEARCH_TYPES: RecordType[] = ["company", "contact", "lead", "deal"];

export function searchQuery(q: OrgScope, auth: AuthContext, type: RecordType, query: string) {
  const { table } = RECORDS[type];
  return visibleTo(
    q.selectFrom(table as "companies")
      .where(sql.ref(`${table}.deleted_at`), "is", null)
      .where(matches(table, query)),
    table,
    auth,
  );
}

export async function searchAll(auth: AuthContext, input: string, perType = 10): Promise<SearchGroup[]> {
  const query = prefixQuery(input);
  if (!query) return [];
  return await inOrg(auth, async (q) => {
    const groups: SearchGroup[] = [];
    for (const type of SEARCH_TYPES) {
      const { table, title } = RECORDS[type];
      const base = searchQuery(q, auth, type, query);
      const hits = await base
        .select([sql.ref(`${table}.id`).as("id"), title.as("title"), SUBTITLE[type].as("subtitle")])
        .orderBy(sql`ts_rank(${sql.ref(`${table}.search`)}, to_tsquery('simple', ${query}))`, "desc")
        .orderBy(sql.ref(`${table}.id`), "desc")
        .limit(perType).execute() as SearchHit[];
      const total = await countMatches(q, base);
      groups.push({ type, total, hits });
    }
    return groups;
  });
}
