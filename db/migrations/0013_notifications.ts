import type { Kysely } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/**
 * Notifications (issue 19):
 * - `notifications`: one row per recipient and thing that happened; `dedupe_key` makes a retried job
 *   insert nothing twice. The bell's unread count reads the partial index of unread rows only.
 * - `notification_preferences`: a user's channel per type in an org (no row: the type's default for the role).
 * - `notification_digests`: the days a user's digest went out, so a retried digest job sends nothing twice.
 * - `notification_secret`: the key unsubscribe links are signed with (one row, made here at random).
 * - `emails.headers`: extra headers of a stored message (List-Unsubscribe, RFC 8058).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      recipient_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      type text NOT NULL,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      title text NOT NULL,
      link text,
      dedupe_key text NOT NULL,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (org_id, recipient_id, dedupe_key);
    CREATE INDEX notifications_inbox_idx ON notifications (org_id, recipient_id, id DESC);
    CREATE INDEX notifications_unread_idx ON notifications (org_id, recipient_id, id DESC) WHERE read_at IS NULL;

    CREATE TABLE notification_preferences (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('both', 'in_app', 'email', 'off')),
      PRIMARY KEY (org_id, user_id, type)
    );

    CREATE TABLE notification_digests (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      day date NOT NULL,
      PRIMARY KEY (org_id, user_id, day)
    );

    CREATE TABLE notification_secret (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      secret text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
    );
    INSERT INTO notification_secret DEFAULT VALUES;

    ALTER TABLE emails ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';
  `,
  );
  for (const table of ["notifications", "notification_preferences", "notification_digests"]) {
    await enableTenantRls(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE emails DROP COLUMN headers;
    DROP TABLE notification_secret, notification_digests, notification_preferences, notifications;
  `,
  );
}
