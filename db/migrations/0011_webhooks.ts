import type { Kysely } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * Outgoing webhooks and Slack: endpoints per org (with a previous secret kept for 24 h after a rotation),
 * one delivery per endpoint and event (its id is the stable `webhook-id`), each attempt logged; an org's Slack
 * incoming-webhook URL. Deliveries older than 30 days are deleted by a recurring job (by `created_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      -- Empty: every event type.
      event_types text[] NOT NULL DEFAULT '{}',
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_until timestamptz,
      -- The first failure of the current run of failures (null after a success).
      failing_since timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id, id);

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
      event_type text NOT NULL,
      -- The exact body sent on every attempt.
      body text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (org_id, endpoint_id, id DESC);
    CREATE INDEX webhook_deliveries_failed_idx ON webhook_deliveries (org_id, endpoint_id, created_at)
      WHERE status = 'failed';
    -- The 30-day cleanup across orgs.
    CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);

    CREATE TABLE webhook_attempts (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      request_headers jsonb NOT NULL,
      response_status integer,
      response_body text NOT NULL DEFAULT '',
      error text,
      duration_ms integer NOT NULL,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, delivery_id, attempt)
    );

    CREATE TABLE slack_connections (
      org_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
      webhook_url text NOT NULL,
      channel_label text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
  await enableTenantRls(db, "webhook_endpoints");
  // The cleanup job sees old deliveries of every org, and nothing else.
  await enableTenantRls(
    db,
    "webhook_deliveries",
    "(current_setting('app.purge', true) = 'webhook_deliveries' AND created_at < now() - interval '30 days')",
  );
  await enableTenantRls(db, "webhook_attempts");
  await enableTenantRls(db, "slack_connections");
}
