/** The seeded tables, their columns in COPY order, and rows handed out in batches. */

export const COLUMNS = {
  users: ["id", "email", "name", "password_hash", "email_verified_at", "created_at"],
  orgs: ["id", "name", "slug", "currency", "created_at"],
  memberships: ["org_id", "user_id", "role", "team", "created_at"],
  pipelines: ["id", "org_id", "name", "position", "created_at"],
  stages: ["id", "org_id", "pipeline_id", "name", "position", "probability", "created_at"],
  companies: ["id", "org_id", "owner_id", "name", "domain", "industry", "phone", "city", "created_at", "updated_at"],
  contacts: [
    ...["id", "org_id", "owner_id", "company_id", "first_name", "last_name", "email", "phone", "title"],
    ...["created_at", "updated_at"],
  ],
  deals: [
    ...["id", "org_id", "owner_id", "pipeline_id", "stage_id", "company_id", "contact_id", "title", "value_minor"],
    ...["currency", "expected_close_date", "position", "stage_entered_at", "status", "lost_reason", "closed_at"],
    ...["created_at", "updated_at"],
  ],
  leads: [
    ...["id", "org_id", "owner_id", "name", "email", "phone", "company_name", "message", "source", "status"],
    ...["disqualify_reason", "converted_contact_id", "converted_company_id", "converted_deal_id"],
    ...["created_at", "updated_at"],
  ],
  activities: [
    ...["id", "org_id", "owner_id", "created_by", "type", "subject", "body", "record_type", "record_id"],
    ...["due_at", "done_at", "created_at", "updated_at"],
  ],
  record_events: ["id", "org_id", "actor_id", "record_type", "record_id", "kind", "detail", "created_at"],
} as const;

export type SeedTable = keyof typeof COLUMNS;
export type Row = (string | number | null)[];

export interface Batch {
  table: SeedTable;
  columns: readonly string[];
  rows: Row[];
}

export const BATCH_ROWS = 5000;

export const batch = (table: SeedTable, rows: Row[]): Batch => ({ table, columns: COLUMNS[table], rows });

/**
 * `count` rows of `table`, made one at a time by `row(i)`, in batches of BATCH_ROWS. Rows of a
 * `companion` table that `row` plans alongside follow each batch, and the last one.
 */
export function* batched(
  table: SeedTable,
  count: number,
  row: (i: number) => Row,
  companion?: { table: SeedTable; rows: Row[] },
): Generator<Batch> {
  let rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    rows.push(row(i));
    if (rows.length === BATCH_ROWS) {
      yield batch(table, rows);
      rows = [];
      if (companion) yield batch(companion.table, companion.rows.splice(0));
    }
  }
  if (rows.length) yield batch(table, rows);
  if (companion?.rows.length) yield batch(companion.table, companion.rows.splice(0));
}
