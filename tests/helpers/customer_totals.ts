/** Customer totals as the deals trigger keeps them, and as summed from the deals themselves. */
import { type Kysely, sql } from "kysely";
import type { DB } from "@/db/schema.ts";

/** "kind:record id" → "won_deals won_minor open_deals open_minor", records with all four zero left out. */
export type Totals = Record<string, string>;

/** Both views of one org's totals; `db` runs with that org set for row-level security. */
export async function customerTotals(db: Kysely<DB>, orgId: string): Promise<{ kept: Totals; summed: Totals }> {
  const rows = await db.selectFrom("customer_totals").selectAll().where("org_id", "=", orgId).execute();
  const kept = Object.fromEntries(
    rows.filter((r) => r.won_deals || r.won_minor || r.open_deals || r.open_minor)
      .map((r) => [`${r.kind}:${r.record_id}`, `${r.won_deals} ${r.won_minor} ${r.open_deals} ${r.open_minor}`]),
  );
  const { rows: sums } = await sql<{ key: string; totals: string }>`
    SELECT k.kind || ':' || k.id AS key, concat_ws(' ',
      count(*) FILTER (WHERE d.status = 'won'), coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'won'), 0),
      count(*) FILTER (WHERE d.status = 'open'), coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'open'), 0)
    ) AS totals
    FROM deals d CROSS JOIN LATERAL (VALUES ('company', d.company_id), ('contact', d.contact_id)) AS k(kind, id)
    WHERE d.org_id = ${orgId} AND k.id IS NOT NULL AND d.deleted_at IS NULL AND d.status IN ('won', 'open')
    GROUP BY k.kind, k.id`.execute(db);
  return { kept, summed: Object.fromEntries(sums.map((r) => [r.key, r.totals])) };
}
