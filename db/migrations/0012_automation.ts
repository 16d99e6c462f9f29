import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * Workflow automation: an org's rules (a trigger, conditions combined with all/any, ordered actions),
 * and the run log: one run per rule and triggering event (the unique key makes evaluation idempotent),
 * one result per action of a run (an action done is never done again; a failed one can be retried).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE automation_rules (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      name text NOT NULL,
      trigger_type text NOT NULL,
      -- The trigger's parameters, e.g. {"to_stage_id": …, "from_stage_id": …} or {"days": 7}.
      trigger jsonb NOT NULL DEFAULT '{}',
      match text NOT NULL DEFAULT 'all' CHECK (match IN ('all', 'any')),
      conditions jsonb NOT NULL DEFAULT '[]',
      actions jsonb NOT NULL DEFAULT '[]',
      active boolean NOT NULL DEFAULT true,
      -- Per-action state such as the last member a round robin chose, keyed by the action's position.
      state jsonb NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX automation_rules_org_idx ON automation_rules (org_id, id DESC);
    -- The listener's and the evaluator's lookup: an org's active rules for one trigger.
    CREATE INDEX automation_rules_trigger_idx ON automation_rules (org_id, trigger_type) WHERE active;
    -- The time-based scan finds the orgs with such rules across orgs (not led by org_id).
    CREATE INDEX automation_rules_timed_idx ON automation_rules (trigger_type, org_id) WHERE active;

    CREATE TABLE automation_runs (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      rule_id uuid NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
      event_id uuid NOT NULL,
      -- What happened, for reading: "Deal moved to Proposal".
      event_label text NOT NULL,
      record_type text NOT NULL,
      record_id uuid NOT NULL,
      -- The rules whose actions led to this event, oldest first ({rule_id, record_id}).
      chain jsonb NOT NULL DEFAULT '[]',
      -- Each condition with whether it held.
      conditions jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'not_matched', 'cut')),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (org_id, rule_id, event_id)
    );
    CREATE INDEX automation_runs_org_idx ON automation_runs (org_id, id DESC);
    CREATE INDEX automation_runs_rule_idx ON automation_runs (org_id, rule_id, id DESC);

    CREATE TABLE automation_action_results (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      run_id uuid NOT NULL REFERENCES automation_runs(id) ON DELETE CASCADE,
      position integer NOT NULL,
      type text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      summary text,
      error text,
      duration_ms integer,
      attempts integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, run_id, position)
    );
  `,
  );
  // The time-based scan reads which orgs have timed rules (and nothing else) across orgs.
  await enableTenantRls(db, "automation_rules", "current_setting('app.automation', true) = 'scan'");
  await enableTenantRls(db, "automation_runs");
  await enableTenantRls(db, "automation_action_results");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE automation_action_results, automation_runs, automation_rules`.execute(db);
}
