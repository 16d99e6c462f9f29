/**
 * The deals trigger of db/migrations/0005 keeps `customer_totals` equal to what each company's and
 * contact's deals add up to, through every kind of change, bulk and concurrent ones included.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { deleteOrg } from "@/lib/tenancy/orgs.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { customerTotals } from "../helpers/customer_totals.ts";
import { orgWithOwner } from "../helpers/accounts.ts";

Deno.test("customer totals: kept equal to the deals through inserts, edits, outcomes, deletes and concurrency", async (t) => {
  const app = await testApp();
  try {
    const orgs = [await orgWithOwner(app, "Kept Inc"), await orgWithOwner(app, "Neighbour Ltd")];
    const [o, neighbour] = orgs;
    const run = <R>(fn: (q: OrgScope) => Promise<R>, org = o) =>
      withOrg({ orgId: org.org.id, userId: org.user.id }, fn);
    const assertKept = async (org = o) =>
      await run(async (q) => {
        const { kept, summed } = await customerTotals(q.trx, q.orgId);
        assert.deepEqual(kept, summed);
        return kept;
      }, org);

    // Deterministic pseudo-random choices, so a failure replays.
    let state = 7;
    const rand = (n: number) => (state = (state * 48271) % 2147483647) % n;

    const world = async (org: typeof o) =>
      await run(async (q) => {
        const { id: pipelineId, stages } = (await choosePipeline(q)).pipeline;
        const companies = (await q.insertInto("companies", [0, 1, 2, 3].map((i) => ({ name: `Company ${i}` })))
          .returning("id").execute()).map((r) => r.id);
        const contacts = (await q.insertInto(
          "contacts",
          [0, 1, 2, 3, 4].map((i) => ({ first_name: `Person ${i}`, last_name: "Buyer" })),
        ).returning("id").execute()).map((r) => r.id);
        const statuses = ["open", "open", "won", "lost"] as const;
        // One statement with many rows: the trigger sums its whole transition table at once.
        await q.insertInto(
          "deals",
          Array.from({ length: 60 }, (_, i) => {
            const status = statuses[rand(4)];
            return {
              title: `Deal ${i}`,
              pipeline_id: pipelineId,
              stage_id: stages[rand(stages.length)].id,
              company_id: rand(5) ? companies[rand(4)] : null,
              contact_id: rand(4) ? contacts[rand(5)] : null,
              value_minor: rand(100_000),
              status,
              closed_at: status === "open" ? null : new Date(),
            };
          }),
        ).execute();
        return { companies, contacts, stages };
      }, org);

    const { companies, contacts, stages } = await world(o);
    await world(neighbour);

    await t.step("a multi-row insert", async () => {
      const totals = await assertKept();
      assert.ok(Object.keys(totals).length >= 6, "several customers with totals");
      await assertKept(neighbour);
    });

    const dealIds = await run((q) => q.selectFrom("deals").select("id").orderBy("id").execute());
    const some = (n: number) => Array.from({ length: n }, () => dealIds[rand(dealIds.length)].id);

    await t.step("outcomes, values, links and stages changed one by one and in bulk", async () => {
      await run(async (q) => {
        await q.updateTable("deals").set({ status: "won", closed_at: new Date() }).where("id", "in", some(10))
          .execute();
        await q.updateTable("deals").set({ status: "lost" }).where("id", "in", some(5)).execute();
        await q.updateTable("deals").set({ status: "open", closed_at: null }).where("id", "in", some(5)).execute();
        await q.updateTable("deals").set({ value_minor: sql`value_minor * 2 + 1` }).where("id", "in", some(12))
          .execute();
        await q.updateTable("deals").set({ company_id: companies[3], contact_id: null }).where("id", "in", some(6))
          .execute();
        await q.updateTable("deals").set({ contact_id: contacts[4] }).where("id", "in", some(6)).execute();
        await q.updateTable("deals").set({ stage_id: stages[0].id, position: 0.5 }).where("id", "in", some(8))
          .execute();
        await q.updateTable("deals").set({ title: "Renamed" }).where("id", "=", dealIds[0].id).execute();
      });
      await assertKept();
    });

    await t.step("soft delete, restore and hard delete of deals and of a company", async () => {
      const trashed = some(8);
      await run((q) => q.updateTable("deals").set({ deleted_at: new Date() }).where("id", "in", trashed).execute());
      await assertKept();
      await run((q) =>
        q.updateTable("deals").set({ deleted_at: null }).where("id", "in", trashed.slice(0, 4)).execute()
      );
      await assertKept();
      await run((q) => q.deleteFrom("deals").where("id", "in", some(5)).execute());
      await assertKept();
      // Purging a company sets its deals' company_id to null (ON DELETE SET NULL).
      await run((q) => q.deleteFrom("companies").where("id", "=", companies[0]).execute());
      const totals = await assertKept();
      assert.ok(!Object.keys(totals).includes(`company:${companies[0]}`));
    });

    await t.step("concurrent transactions winning deals of the same customers", async () => {
      await run((q) =>
        q.updateTable("deals").set({ company_id: companies[1], contact_id: contacts[1], status: "open" })
          .where("id", "in", dealIds.slice(0, 12).map((d) => d.id)).execute()
      );
      await Promise.all(
        dealIds.slice(0, 12).map(({ id }, i) =>
          run((q) =>
            q.updateTable("deals")
              .set({ status: i % 3 ? "won" : "lost", value_minor: 1000 + i, closed_at: new Date() })
              .where("id", "=", id).execute()
          )
        ),
      );
      await assertKept();
      await assertKept(neighbour);
    });

    await t.step("deleting an org deletes its totals and leaves the neighbour's", async () => {
      await run((q) => deleteOrg(q, { role: "OWNER" }));
      assert.deepEqual(await run(async (q) => (await customerTotals(q.trx, q.orgId)).kept), {});
      await assertKept(neighbour);
    });
  } finally {
    await app.close();
  }
});
