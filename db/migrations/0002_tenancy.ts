import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      email_verified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text NOT NULL DEFAULT '',
      user_agent text NOT NULL DEFAULT ''
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    -- Single-use tokens mailed to a user: email verification, password reset, email change.
    CREATE TABLE user_tokens (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
      payload text NOT NULL DEFAULT '',
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

    -- The tenant registry: not tenant-owned data, so no RLS; every other tenant table points here.
    CREATE TABLE orgs (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      currency char(3) NOT NULL DEFAULT 'USD',
      visibility text NOT NULL DEFAULT 'all' CHECK (visibility IN ('all', 'own')),
      rotting_days integer NOT NULL DEFAULT 14,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE memberships (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
      team text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id)
    );
    CREATE INDEX memberships_user_idx ON memberships (user_id);

    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX invitations_org_idx ON invitations (org_id, created_at DESC);

    CREATE TABLE audit_log (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      action text NOT NULL,
      target text NOT NULL DEFAULT '',
      detail jsonb NOT NULL DEFAULT '{}',
      ip text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_org_idx ON audit_log (org_id, id DESC);

    -- Account-level security events (sign-ins, failed sign-ins), shown to the user and, for their
    -- members, to an org's owners and admins.
    CREATE TABLE auth_events (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      action text NOT NULL,
      ip text NOT NULL DEFAULT '',
      user_agent text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX auth_events_user_idx ON auth_events (user_id, id DESC);

    -- Every email the app sends; without Resend this is the dev mailbox.
    CREATE TABLE emails (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      provider_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX emails_to_idx ON emails (lower(to_address), id DESC);
  `,
  );
  // A member reads their own memberships across orgs (the org switcher) without a tenant set.
  await enableTenantRls(db, "memberships", "user_id = nullif(current_setting('app.user_id', true), '')::uuid");
  await enableTenantRls(db, "invitations");
  await enableTenantRls(db, "audit_log");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE emails, auth_events, audit_log, invitations, memberships, orgs, user_tokens, sessions, users`
    .execute(db);
}
