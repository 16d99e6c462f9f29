import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * What the reports read, so that no report sums an org's whole history on each request:
 * - `org_data_versions`: a counter per org that every committed change to its deals, leads,
 *   activities, pipelines, stages or members raises; cached report numbers are keyed under it.
 * - `deals.furthest_stage_id`: the furthest stage of its pipeline a deal has been in (NULL: the stage
 *   it is in now), for stage-to-stage conversion.
 * - `open_deal_totals`: open deals counted and summed per pipeline, stage, owner, currency and
 *   expected close month (the pipeline, the forecast, "my open pipeline").
 * - `activity_days`: activities per day in the org's time zone, owner and kind (calls, emails,
 *   meetings and notes on the day logged, tasks on the day done), rebuilt when the zone changes.
 * - indexes for closed deals by close time and leads by creation time (index-only scans).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE deals ADD COLUMN furthest_stage_id uuid;

    CREATE TABLE org_data_versions (
      org_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
      version bigint NOT NULL DEFAULT 0
    );

    CREATE TABLE open_deal_totals (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      pipeline_id uuid NOT NULL,
      stage_id uuid NOT NULL,
      owner_id uuid,
      currency char(3) NOT NULL,
      expected_month date,
      deals integer NOT NULL DEFAULT 0,
      value_minor bigint NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX open_deal_totals_key ON open_deal_totals
      (org_id, pipeline_id, stage_id, owner_id, currency, expected_month) INCLUDE (deals, value_minor) NULLS NOT DISTINCT;

    CREATE TABLE activity_days (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      day date NOT NULL,
      owner_id uuid,
      kind text NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'task', 'note')),
      n integer NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX activity_days_key ON activity_days (org_id, day, owner_id, kind) INCLUDE (n) NULLS NOT DISTINCT;

    -- Deals closed in a period: revenue, win rate, cycle, lost reasons, conversion, leaderboard (index-only).
    CREATE INDEX deals_closed_idx ON deals (org_id, closed_at)
      INCLUDE (status, pipeline_id, stage_id, furthest_stage_id, owner_id, currency, value_minor, created_at, lost_reason)
      WHERE status IN ('won', 'lost') AND deleted_at IS NULL;
    -- Leads created in a period: the lead funnel.
    CREATE INDEX leads_created_idx ON leads (org_id, created_at) INCLUDE (status, owner_id, converted_deal_id)
      WHERE deleted_at IS NULL;
  `,
  );
  for (const table of ["org_data_versions", "open_deal_totals", "activity_days"]) await enableTenantRls(db, table);

  // The furthest stage: a move forward within the pipeline records it, a move back keeps it, a move
  // to another pipeline starts over. NULL means "the current stage" (bulk loads leave it so).
  await sql`
    CREATE FUNCTION deals_furthest_stage() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      furthest uuid := coalesce(OLD.furthest_stage_id, OLD.stage_id);
    BEGIN
      IF NEW.pipeline_id IS DISTINCT FROM OLD.pipeline_id
        OR (SELECT position FROM stages WHERE id = NEW.stage_id)
          >= coalesce((SELECT position FROM stages WHERE id = furthest), -1) THEN
        NEW.furthest_stage_id := NULL;
      ELSE
        NEW.furthest_stage_id := furthest;
      END IF;
      RETURN NEW;
    END $fn$`.execute(db);

  // Deltas per statement from its transition tables, as customer_totals_apply (0005) does.
  await sql`
    CREATE FUNCTION open_deal_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      EXECUTE format($sql$
        INSERT INTO open_deal_totals AS t
          (org_id, pipeline_id, stage_id, owner_id, currency, expected_month, deals, value_minor)
        SELECT * FROM (
          SELECT d.org_id, d.pipeline_id, d.stage_id, d.owner_id, d.currency,
            date_trunc('month', d.expected_close_date)::date AS expected_month,
            sum(d.sign)::int AS deals, sum(d.sign * d.value_minor) AS value_minor
          FROM (%s) d
          WHERE d.status = 'open' AND d.deleted_at IS NULL
            AND EXISTS (SELECT 1 FROM orgs WHERE orgs.id = d.org_id)
          GROUP BY 1, 2, 3, 4, 5, 6
        ) delta
        WHERE (deals, value_minor) <> (0, 0)
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (org_id, pipeline_id, stage_id, owner_id, currency, expected_month) DO UPDATE SET
          deals = t.deals + excluded.deals, value_minor = t.value_minor + excluded.value_minor
      $sql$, ${sql.raw(changedRows)});
      RETURN NULL;
    END $fn$`.execute(db);

  await sql`
    CREATE FUNCTION activity_days_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      EXECUTE format($sql$
        INSERT INTO activity_days AS t (org_id, day, owner_id, kind, n)
        SELECT * FROM (
          SELECT d.org_id,
            ((CASE WHEN d.type = 'task' THEN d.done_at ELSE d.created_at END) AT TIME ZONE o.time_zone)::date AS day,
            d.owner_id, d.type AS kind, sum(d.sign)::int AS n
          FROM (%s) d JOIN orgs o ON o.id = d.org_id
          WHERE d.deleted_at IS NULL AND (d.type <> 'task' OR d.done_at IS NOT NULL)
          GROUP BY 1, 2, 3, 4
        ) delta
        WHERE n <> 0
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (org_id, day, owner_id, kind) DO UPDATE SET n = t.n + excluded.n
      $sql$, ${sql.raw(changedRows)});
      RETURN NULL;
    END $fn$`.execute(db);

  // From scratch for one org: after bulk loads that skip triggers (lib/seed/targets.ts), and for
  // activity days when the org's time zone changes.
  await sql`
    CREATE FUNCTION activity_days_rebuild(org uuid) RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM activity_days WHERE org_id = org;
      INSERT INTO activity_days (org_id, day, owner_id, kind, n)
      SELECT a.org_id, ((CASE WHEN a.type = 'task' THEN a.done_at ELSE a.created_at END) AT TIME ZONE o.time_zone)::date,
        a.owner_id, a.type, count(*)
      FROM activities a JOIN orgs o ON o.id = a.org_id
      WHERE a.org_id = org AND a.deleted_at IS NULL AND (a.type <> 'task' OR a.done_at IS NOT NULL)
      GROUP BY 1, 2, 3, 4;
    $fn$`.execute(db);
  await sql`
    CREATE FUNCTION open_deal_totals_rebuild(org uuid) RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM open_deal_totals WHERE org_id = org;
      INSERT INTO open_deal_totals (org_id, pipeline_id, stage_id, owner_id, currency, expected_month, deals, value_minor)
      SELECT org_id, pipeline_id, stage_id, owner_id, currency, date_trunc('month', expected_close_date)::date,
        count(*), sum(value_minor)
      FROM deals WHERE org_id = org AND status = 'open' AND deleted_at IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6;
    $fn$`.execute(db);
  await sql`
    CREATE FUNCTION report_totals_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
    BEGIN
      PERFORM open_deal_totals_rebuild(org);
      PERFORM activity_days_rebuild(org);
    END $fn$`.execute(db);
  await sql`
    CREATE FUNCTION orgs_time_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM activity_days_rebuild(NEW.id);
      RETURN NULL;
    END $fn$`.execute(db);

  // Existing data, org by org (row-level security shows the owner one org at a time): totals, and
  // the furthest stage each deal's history shows, where it is not the current one.
  await sql`
    DO $$ DECLARE o record; BEGIN
      FOR o IN SELECT id FROM orgs LOOP
        PERFORM set_config('app.org_id', o.id::text, true);
        PERFORM report_totals_rebuild();
        UPDATE deals d SET furthest_stage_id = reached.stage_id
        FROM (
          SELECT DISTINCT ON (d.id) d.id, s.id AS stage_id, s.position
          FROM deals d
          JOIN record_events e ON e.org_id = d.org_id AND e.record_type = 'deal' AND e.record_id = d.id
            AND e.kind = 'stage_changed'
          JOIN stages s ON s.id = (e.detail->>'to_id')::uuid AND s.pipeline_id = d.pipeline_id
          WHERE d.org_id = o.id
          ORDER BY d.id, s.position DESC
        ) reached, stages cur
        WHERE d.id = reached.id AND cur.id = d.stage_id AND reached.position > cur.position;
      END LOOP;
      PERFORM set_config('app.org_id', '', true);
    END $$`.execute(db);

  // Triggers last, so the backfill above raises no version and counts nothing twice.
  await sql`CREATE TRIGGER deals_furthest_stage BEFORE UPDATE OF stage_id, pipeline_id ON deals
    FOR EACH ROW EXECUTE FUNCTION deals_furthest_stage()`.execute(db);
  for (const op of ["INSERT", "UPDATE", "DELETE"]) {
    for (const [table, fn] of [["deals", "open_deal_totals_apply"], ["activities", "activity_days_apply"]]) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_${fn.replace(/_apply$/, "")}_${op.toLowerCase()}`)}
        AFTER ${sql.raw(op)} ON ${sql.raw(table)} REFERENCING ${sql.raw(TRANSITION_TABLES[op])}
        FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(db);
    }
  }
  await sql`CREATE TRIGGER orgs_time_zone_changed AFTER UPDATE OF time_zone ON orgs
    FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION orgs_time_zone_changed()`
    .execute(db);

  // The version: raised once per org and transaction, at commit (a deferred trigger), so the
  // transaction holds the counter's row lock only while committing and cannot deadlock on it.
  await sql`
    CREATE FUNCTION org_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      org uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.org_id ELSE NEW.org_id END;
    BEGIN
      IF current_setting('app.data_version_raised', true) IS DISTINCT FROM org::text THEN
        INSERT INTO org_data_versions AS v (org_id, version)
        SELECT org, 1 WHERE EXISTS (SELECT 1 FROM orgs WHERE id = org)
        ON CONFLICT (org_id) DO UPDATE SET version = v.version + 1;
        PERFORM set_config('app.data_version_raised', org::text, true);
      END IF;
      RETURN NULL;
    END $fn$`.execute(db);
  for (const table of VERSIONED) {
    await sql`CREATE CONSTRAINT TRIGGER ${sql.raw(`${table}_data_version`)}
      AFTER INSERT OR UPDATE OR DELETE ON ${sql.raw(table)} DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION org_data_version_bump()`.execute(db);
  }
  // PGlite has no autovacuum: without statistics the planner would not know to use the indexes.
  await sql`ANALYZE deals, leads, open_deal_totals, activity_days`.execute(db);
}

/** The tables whose changes a report can show. */
const VERSIONED = ["deals", "leads", "activities", "pipelines", "stages", "memberships"];

const changedRows = `CASE TG_OP
  WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
  WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
  ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o'
END`;

const TRANSITION_TABLES: Record<string, string> = {
  INSERT: "NEW TABLE AS new_rows",
  UPDATE: "NEW TABLE AS new_rows OLD TABLE AS old_rows",
  DELETE: "OLD TABLE AS old_rows",
};

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED) {
    await sql`DROP TRIGGER ${sql.raw(`${table}_data_version`)} ON ${sql.raw(table)}`.execute(db);
  }
  await sql`DROP TRIGGER orgs_time_zone_changed ON orgs`.execute(db);
  for (const op of ["insert", "update", "delete"]) {
    await sql`DROP TRIGGER ${sql.raw(`deals_open_deal_totals_${op}`)} ON deals`.execute(db);
    await sql`DROP TRIGGER ${sql.raw(`activities_activity_days_${op}`)} ON activities`.execute(db);
  }
  await sql`DROP TRIGGER deals_furthest_stage ON deals`.execute(db);
  await execScript(
    db,
    `
    DROP FUNCTION org_data_version_bump(), orgs_time_zone_changed(), report_totals_rebuild(),
      open_deal_totals_rebuild(uuid), activity_days_rebuild(uuid), activity_days_apply(),
      open_deal_totals_apply(), deals_furthest_stage();
    DROP INDEX leads_created_idx;
    DROP INDEX deals_closed_idx;
    DROP TABLE activity_days, open_deal_totals, org_data_versions;
    ALTER TABLE deals DROP COLUMN furthest_stage_id;
  `,
  );
}
