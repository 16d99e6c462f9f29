import { type Kysely, sql } from "kysely";
import { enableTenantRls, execScript } from "./helpers.ts";

/** Companies, contacts, leads, pipelines, deals, activities, history and attachments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE companies (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
      name text NOT NULL,
      domain text,
      industry text,
      phone text,
      city text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(domain, ''))
      ) STORED
    );
    CREATE INDEX companies_org_idx ON companies (org_id, id DESC);
    CREATE INDEX companies_org_name_idx ON companies (org_id, lower(name), id);
    CREATE INDEX companies_org_owner_idx ON companies (org_id, owner_id, id DESC);
    CREATE INDEX companies_org_domain_idx ON companies (org_id, lower(domain));
    CREATE INDEX companies_search_idx ON companies USING gin (search);
    -- The trash ("Recently deleted"): the few deleted rows, newest first, without reading the live ones.
    CREATE INDEX companies_org_deleted_idx ON companies (org_id, deleted_at DESC) WHERE deleted_at IS NOT NULL;

    CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
      company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
      first_name text NOT NULL,
      last_name text NOT NULL DEFAULT '',
      email text,
      phone text,
      title text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      -- Emails also as local part and domain, so "jane@umb" (a phrase query) finds jane@umbrella.test.
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', first_name || ' ' || last_name || ' ' || coalesce(email || ' ' || replace(email, '@', ' '), ''))
      ) STORED
    );
    CREATE INDEX contacts_org_idx ON contacts (org_id, id DESC);
    CREATE INDEX contacts_org_name_idx ON contacts (org_id, lower(last_name), lower(first_name), id);
    CREATE INDEX contacts_org_owner_idx ON contacts (org_id, owner_id, id DESC);
    CREATE INDEX contacts_org_company_idx ON contacts (org_id, company_id);
    CREATE INDEX contacts_org_email_idx ON contacts (org_id, lower(email));
    CREATE INDEX contacts_search_idx ON contacts USING gin (search);
    CREATE INDEX contacts_org_deleted_idx ON contacts (org_id, deleted_at DESC) WHERE deleted_at IS NOT NULL;

    CREATE TABLE leads (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
      name text NOT NULL,
      email text,
      phone text,
      company_name text,
      message text,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'web_form', 'api', 'import')),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'qualified', 'disqualified', 'converted')),
      disqualify_reason text,
      converted_contact_id uuid,
      converted_company_id uuid,
      converted_deal_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      search tsvector GENERATED ALWAYS AS (
        to_tsvector(
          'simple',
          name || ' ' || coalesce(email || ' ' || replace(email, '@', ' '), '') || ' ' || coalesce(company_name, '')
        )
      ) STORED
    );
    CREATE INDEX leads_org_idx ON leads (org_id, id DESC);
    CREATE INDEX leads_org_status_idx ON leads (org_id, status, id DESC);
    CREATE INDEX leads_org_owner_idx ON leads (org_id, owner_id, id DESC);
    CREATE INDEX leads_search_idx ON leads USING gin (search);
    CREATE INDEX leads_org_deleted_idx ON leads (org_id, deleted_at DESC) WHERE deleted_at IS NOT NULL;

    CREATE TABLE pipelines (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pipelines_org_idx ON pipelines (org_id, position);

    CREATE TABLE stages (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      pipeline_id uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL,
      probability integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX stages_org_pipeline_idx ON stages (org_id, pipeline_id, position);

    CREATE TABLE deals (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
      pipeline_id uuid NOT NULL REFERENCES pipelines(id),
      stage_id uuid NOT NULL REFERENCES stages(id),
      company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
      contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
      title text NOT NULL,
      value_minor bigint NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
      currency char(3) NOT NULL DEFAULT 'USD',
      expected_close_date date,
      -- Order within a stage: fractional, so a move rewrites one row.
      position double precision NOT NULL DEFAULT 0,
      stage_entered_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
      lost_reason text,
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED
    );
    CREATE INDEX deals_org_idx ON deals (org_id, id DESC);
    -- The board: cards in order per stage, and (index-only, from the included columns) each stage's count and total.
    CREATE INDEX deals_board_idx ON deals (org_id, pipeline_id, stage_id, position, id) INCLUDE (value_minor, owner_id)
      WHERE status = 'open' AND deleted_at IS NULL;
    CREATE INDEX deals_org_status_idx ON deals (org_id, status, id DESC);
    CREATE INDEX deals_org_owner_idx ON deals (org_id, owner_id, id DESC);
    CREATE INDEX deals_org_company_idx ON deals (org_id, company_id);
    CREATE INDEX deals_org_contact_idx ON deals (org_id, contact_id);
    -- Customers: won deals summed per company or contact, index-only.
    CREATE INDEX deals_won_company_idx ON deals (org_id, company_id) INCLUDE (value_minor, closed_at, owner_id)
      WHERE status = 'won' AND deleted_at IS NULL;
    CREATE INDEX deals_won_contact_idx ON deals (org_id, contact_id) INCLUDE (value_minor, closed_at, owner_id)
      WHERE status = 'won' AND deleted_at IS NULL;
    CREATE INDEX deals_search_idx ON deals USING gin (search);
    CREATE INDEX deals_org_deleted_idx ON deals (org_id, deleted_at DESC) WHERE deleted_at IS NOT NULL;

    CREATE TABLE activities (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      type text NOT NULL CHECK (type IN ('call', 'email', 'meeting', 'task', 'note')),
      subject text NOT NULL,
      body text NOT NULL DEFAULT '',
      record_type text NOT NULL CHECK (record_type IN ('company', 'contact', 'lead', 'deal')),
      record_id uuid NOT NULL,
      due_at timestamptz,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX activities_record_idx ON activities (org_id, record_type, record_id, id DESC);
    CREATE INDEX activities_open_tasks_idx ON activities (org_id, owner_id, due_at) WHERE type = 'task' AND done_at IS NULL AND deleted_at IS NULL;
    CREATE INDEX activities_org_idx ON activities (org_id, id DESC);

    -- What happened to a record, for its timeline: created, edited, stage/owner changes, won/lost.
    CREATE TABLE record_events (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      record_type text NOT NULL,
      record_id uuid NOT NULL,
      kind text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX record_events_record_idx ON record_events (org_id, record_type, record_id, id DESC);

    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT uuid_v7(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      record_type text NOT NULL,
      record_id uuid NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_record_idx ON attachments (org_id, record_type, record_id, id DESC);
  `,
  );
  for (
    const table of [
      "companies",
      "contacts",
      "leads",
      "pipelines",
      "stages",
      "deals",
      "activities",
      "record_events",
      "attachments",
    ]
  ) {
    await enableTenantRls(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE attachments, record_events, activities, deals, stages, pipelines, leads, contacts, companies`
    .execute(db);
}
