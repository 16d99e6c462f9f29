import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import type { DB } from "@/db/schema.ts";
import { openDatabase } from "@/db/client.ts";
import { type OrgPlan, planOrg } from "@/lib/seed/generate.ts";
import { seed, type SeedOptions } from "@/lib/seed/seed.ts";
import { insertTarget, openTarget } from "@/lib/seed/targets.ts";
import { customerTotals } from "../helpers/customer_totals.ts";
import { testDatabase } from "../helpers/db.ts";

const counts = { members: 4, companies: 20, contacts: 60, leads: 20, deals: 80, activities: 200 };
const NOW = Date.parse("2025-03-01T00:00:00Z");
const options: SeedOptions = { seed: 7, orgs: 2, prefix: "t", counts, now: NOW };

const plan = (over: Partial<OrgPlan> = {}): OrgPlan => ({
  seed: 7,
  slug: "t-1",
  counts,
  now: NOW,
  passwordHash: "hash",
  ...over,
});
const rowsOf = (p: OrgPlan) => JSON.stringify([...planOrg(p).batches()]);

Deno.test("seed: the same plan gives the same rows; each table has its own stream", () => {
  assert.equal(rowsOf(plan()), rowsOf(plan()));
  assert.notEqual(rowsOf(plan()), rowsOf(plan({ seed: 8 })));
  const deals = (p: OrgPlan) => [...planOrg(p).batches()].filter((b) => b.table === "deals");
  assert.deepEqual(deals(plan()), deals(plan({ counts: { ...counts, activities: 5 } })));
});

/**
 * The generator's output pinned: a change that alters any row, id, batch boundary or the plan's
 * summary for these plans changes a digest. Covers a named owner and currency, an org with no
 * members, companies or contacts, and runs long enough to cut deals and activities into batches.
 */
Deno.test("seed: the generated rows for fixed plans are exactly the pinned ones", async () => {
  const pinned: [OrgPlan, string][] = [
    [plan(), "bd42180b0c01d24711e269f9ecee702d7f869c5da0bf8e174b4bd26666dce8b4"],
    [
      plan({
        slug: "demo",
        name: "Demo Co",
        owner: { email: "demo@x.test", name: "Dee Mo" },
        currency: "EUR",
        counts: { members: 2, companies: 15, contacts: 30, leads: 25, deals: 40, activities: 100 },
      }),
      "d41e6a6f62307fb7ac95822cee2f8073c2876b31e729e1341d8755e03699495f",
    ],
    [
      plan({ seed: 3, counts: { members: 0, companies: 0, contacts: 0, leads: 10, deals: 30, activities: 50 } }),
      "2a400c056b9088b2bc7bed027169a124e29da5b6055f033fce73766b3c21bf4f",
    ],
    [
      plan({
        seed: 11,
        counts: { members: 12, companies: 400, contacts: 1200, leads: 600, deals: 5100, activities: 5300 },
      }),
      "31ed05e5891c0e92ef24759b52a3c5254473d2ad27c43d795721119c0ed40474",
    ],
  ];
  for (const [p, digest] of pinned) {
    const { batches, ...summary } = planOrg(p);
    const text = JSON.stringify({ ...summary, batches: [...batches()] });
    const sha = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
    assert.equal(Array.from(sha, (b) => b.toString(16).padStart(2, "0")).join(""), digest, JSON.stringify(p.counts));
  }
});

function asTenant<T>(db: Kysely<DB>, orgId: string, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.org_id', ${orgId}, true), set_config('TimeZone', 'UTC', true)`.execute(trx);
    return await fn(trx);
  });
}

const one = async (db: Kysely<DB>, query: ReturnType<typeof sql>) =>
  Object.values((await query.execute(db)).rows[0] as Record<string, unknown>)[0];

/** Seeded orgs as the app sees them: right counts, every reference inside the org, all roles. */
async function assertConsistent(db: Kysely<DB>, orgIds: string[]) {
  assert.equal(await one(db, sql`select count(*) from deals`), 0, "no tenant set: RLS shows nothing");
  for (const orgId of orgIds) {
    await asTenant(db, orgId, async (trx) => {
      for (const table of ["companies", "contacts", "leads", "deals", "activities"] as const) {
        assert.equal(await one(trx, sql`select count(*) from ${sql.table(table)}`), counts[table], table);
      }
      assert.deepEqual(
        (await sql<{ role: string }>`select distinct role from memberships order by role`.execute(trx)).rows
          .map((r) => r.role),
        ["ADMIN", "MEMBER", "OWNER"],
      );
      // Under RLS a reference to another org's row finds nothing, so each check also proves isolation.
      const broken = await one(
        trx,
        sql`select count(*) from deals d
          left join stages s on s.id = d.stage_id and s.pipeline_id = d.pipeline_id
          left join pipelines p on p.id = d.pipeline_id
          left join companies c on c.id = d.company_id
          left join contacts k on k.id = d.contact_id
          left join memberships m on m.user_id = d.owner_id
          where s.id is null or p.id is null or (d.company_id is not null and c.id is null)
            or (d.contact_id is not null and k.id is null) or m.user_id is null
            or (d.status = 'open') <> (d.closed_at is null)`,
      );
      assert.equal(broken, 0, "deals point at their own org's pipeline, stage, company, contact and a member");
      const orphans = await one(
        trx,
        sql`select count(*) from activities a where not exists (
          select 1 from deals where a.record_type = 'deal' and id = a.record_id union all
          select 1 from contacts where a.record_type = 'contact' and id = a.record_id union all
          select 1 from companies where a.record_type = 'company' and id = a.record_id union all
          select 1 from leads where a.record_type = 'lead' and id = a.record_id)`,
      );
      assert.equal(orphans, 0, "every activity is on a record of the org");
      const events = await one(trx, sql`select count(*) from record_events where kind = 'created'`);
      assert.equal(events, counts.deals);
      const { kept, summed } = await customerTotals(trx, orgId);
      assert.deepEqual(kept, summed, "customer totals are what each company's and contact's deals add up to");
    });
  }
}

const digest = (db: Kysely<DB>, orgId: string) =>
  asTenant(db, orgId, async (trx) => {
    const parts = [];
    for (const table of ["companies", "contacts", "leads", "deals", "activities", "record_events", "stages"]) {
      parts.push(await one(trx, sql`select md5(string_agg(t::text, '|' order by t.id)) from ${sql.table(table)} t`));
    }
    return parts;
  });

Deno.test("seed: loads consistent, RLS-scoped orgs through the app role; a rerun skips them; COPY loads the same rows", async () => {
  const database = await testDatabase();
  const copyDir = database.url ? null : await Deno.makeTempDir();
  const copyDatabase = database.url ? await testDatabase() : null;
  try {
    const report = await seed(insertTarget(database.db, database.driver), options);
    assert.equal(report.method, "insert");
    assert.equal(report.rows.deals, 2 * counts.deals);
    const orgIds = report.orgs.map((o) => o.id);
    await assertConsistent(database.db, orgIds);

    const again = await seed(insertTarget(database.db, database.driver), options);
    assert.deepEqual(again.orgs.map((o) => o.loaded), [false, false]);
    assert.equal(again.totalRows, 0);

    const target = await openTarget(copyDatabase ? { databaseUrl: copyDatabase.url } : { pgliteDir: copyDir });
    const copied = await seed(target, options);
    await target.close();
    assert.equal(copied.method, "copy");
    const reader = copyDatabase ?? await openDatabase({ pgliteDir: copyDir, migrate: true });
    try {
      await assertConsistent(reader.db, orgIds);
      for (const id of orgIds) assert.deepEqual(await digest(reader.db, id), await digest(database.db, id));
    } finally {
      if (!copyDatabase) await reader.close();
    }
  } finally {
    await database.close();
    await copyDatabase?.close();
    if (copyDir) await Deno.remove(copyDir, { recursive: true });
  }
});
