import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/** Billing: one row per org that has touched Stripe (no row = trial), and the Stripe events already handled. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    -- The whole subscription state as last read from Stripe, never patched field by field.
    CREATE TABLE org_billing (
      org_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
      stripe_customer_id text UNIQUE,
      stripe_subscription_id text,
      stripe_item_id text,
      subscription_created_at timestamptz,
      plan text CHECK (plan IN ('pro', 'business')),
      status text,
      seats integer NOT NULL DEFAULT 0,
      current_period_end timestamptz,
      cancel_at_period_end boolean NOT NULL DEFAULT false,
      cancel_at timestamptz,
      -- When the subscription went past_due/unpaid: the grace period before read-only counts from here.
      dunning_since timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Each Stripe event id is handled once; redeliveries find their id here and change nothing.
    CREATE TABLE billing_events (
      id text PRIMARY KEY,
      type text NOT NULL,
      created_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
  // The webhook knows only the Stripe customer: it may read that customer's row to learn the org.
  await enableTenantRls(
    db,
    "org_billing",
    "stripe_customer_id = nullif(current_setting('app.stripe_customer_id', true), '')",
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE billing_events, org_billing`.execute(db);
}
