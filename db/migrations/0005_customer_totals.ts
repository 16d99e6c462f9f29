import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * Per company and per contact, what its won and open deals add up to, kept by a trigger on deals:
 * the customers list pages through an index on lifetime value instead of summing every won deal
 * of the org on each request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE customer_totals (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('company', 'contact')),
      record_id uuid NOT NULL,
      won_deals integer NOT NULL DEFAULT 0,
      won_minor bigint NOT NULL DEFAULT 0,
      open_deals integer NOT NULL DEFAULT 0,
      open_minor bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, record_id)
    );
    -- The customers list: highest lifetime value first, keyset-paged.
    CREATE INDEX customer_totals_rank_idx ON customer_totals (org_id, kind, won_minor DESC, record_id DESC)
      WHERE won_deals > 0;
  `,
  );
  await enableTenantRls(db, "customer_totals");
  // Each statement on deals adds what its rows now count for and takes off what they counted for
  // before (from its transition tables). Deltas commute, so concurrent transactions need no lock
  // beyond the totals row; a statement that changes no counted field (a move on the board) writes nothing.
  await sql`
    CREATE FUNCTION customer_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      changed text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
        WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
        ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o'
      END;
    BEGIN
      EXECUTE format($sql$
        INSERT INTO customer_totals AS t (org_id, kind, record_id, won_deals, won_minor, open_deals, open_minor)
        SELECT * FROM (
          SELECT d.org_id, k.kind, k.id,
            coalesce(sum(d.sign) FILTER (WHERE d.status = 'won'), 0) AS won_deals,
            coalesce(sum(d.sign * d.value_minor) FILTER (WHERE d.status = 'won'), 0) AS won_minor,
            coalesce(sum(d.sign) FILTER (WHERE d.status = 'open'), 0) AS open_deals,
            coalesce(sum(d.sign * d.value_minor) FILTER (WHERE d.status = 'open'), 0) AS open_minor
          FROM (%s) d
          CROSS JOIN LATERAL (VALUES ('company', d.company_id), ('contact', d.contact_id)) AS k(kind, id)
          WHERE k.id IS NOT NULL AND d.deleted_at IS NULL AND d.status IN ('won', 'open')
            AND EXISTS (SELECT 1 FROM orgs WHERE orgs.id = d.org_id) -- not while the org itself is deleted
          GROUP BY d.org_id, k.kind, k.id
        ) delta
        WHERE (won_deals, won_minor, open_deals, open_minor) <> (0, 0, 0, 0)
        ORDER BY org_id, id
        ON CONFLICT (org_id, record_id) DO UPDATE SET
          won_deals = t.won_deals + excluded.won_deals,
          won_minor = t.won_minor + excluded.won_minor,
          open_deals = t.open_deals + excluded.open_deals,
          open_minor = t.open_minor + excluded.open_minor
      $sql$, changed);
      RETURN NULL;
    END $fn$`.execute(db);
  for (const op of ["INSERT", "UPDATE", "DELETE"]) {
    const tables = op === "INSERT"
      ? "NEW TABLE AS new_rows"
      : op === "DELETE"
      ? "OLD TABLE AS old_rows"
      : "NEW TABLE AS new_rows OLD TABLE AS old_rows";
    await sql`CREATE TRIGGER ${sql.raw(`deals_customer_totals_${op.toLowerCase()}`)}
      AFTER ${sql.raw(op)} ON deals REFERENCING ${sql.raw(tables)}
      FOR EACH STATEMENT EXECUTE FUNCTION customer_totals_apply()`.execute(db);
  }
  // From scratch, for the org of the transaction: existing deals below, and bulk loads that skip
  // triggers (lib/seed/targets.ts).
  await sql`
    CREATE FUNCTION customer_totals_rebuild() RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM customer_totals WHERE org_id = nullif(current_setting('app.org_id', true), '')::uuid;
      INSERT INTO customer_totals (org_id, kind, record_id, won_deals, won_minor, open_deals, open_minor)
      SELECT d.org_id, k.kind, k.id,
        count(*) FILTER (WHERE d.status = 'won'), coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'won'), 0),
        count(*) FILTER (WHERE d.status = 'open'), coalesce(sum(d.value_minor) FILTER (WHERE d.status = 'open'), 0)
      FROM deals d
      CROSS JOIN LATERAL (VALUES ('company', d.company_id), ('contact', d.contact_id)) AS k(kind, id)
      WHERE d.org_id = nullif(current_setting('app.org_id', true), '')::uuid
        AND k.id IS NOT NULL AND d.deleted_at IS NULL AND d.status IN ('won', 'open')
      GROUP BY d.org_id, k.kind, k.id;
    $fn$`.execute(db);
  // Org by org: row-level security lets the owner see one org at a time.
  await sql`
    DO $$ DECLARE o record; BEGIN
      FOR o IN SELECT id FROM orgs LOOP
        PERFORM set_config('app.org_id', o.id::text, true);
        PERFORM customer_totals_rebuild();
      END LOOP;
      PERFORM set_config('app.org_id', '', true);
    END $$`.execute(db);
  // PGlite has no autovacuum: without statistics the planner would not know to use the index.
  await sql`ANALYZE customer_totals`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const op of ["insert", "update", "delete"]) {
    await sql`DROP TRIGGER ${sql.raw(`deals_customer_totals_${op}`)} ON deals`.execute(db);
  }
  await sql`DROP FUNCTION customer_totals_apply(), customer_totals_rebuild()`.execute(db);
  await sql`DROP TABLE customer_totals`.execute(db);
}
