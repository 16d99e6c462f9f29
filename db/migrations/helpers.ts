import { type Kysely, sql } from "kysely";

/**
 * The second wall: a tenant table shows and accepts only rows of the organisation set for the
 * current transaction (`app.org_id`, see lib/data/scope.ts). FORCE applies it to the owner too.
 */
export async function enableTenantRls(db: Kysely<unknown>, table: string, extraUsing = "") {
  const t = sql.raw(table);
  const using = sql.raw(
    `org_id = nullif(current_setting('app.org_id', true), '')::uuid${extraUsing ? ` OR ${extraUsing}` : ""}`,
  );
  await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON ${t} USING (${using})
    WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(db);
}

/** Runs a script of `;`-terminated statements one by one (PGlite's extended protocol takes one at a time). */
export async function execScript(db: Kysely<unknown>, script: string) {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}
