import assert from "node:assert/strict";
import { createDeal } from "@/lib/deals/deals.ts";
import { onRecordEvent, type RecordEvent } from "@/lib/records/history.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";

Deno.test("record event listeners see each event in the transaction that writes it, and roll back with it", async () => {
  const app = await testApp();
  try {
    const world = await dealWorld(app);
    const seen: RecordEvent[] = [];
    let inTransaction = 0;
    onRecordEvent(async (q, e) => {
      if (e.recordType !== "deal") return;
      seen.push(e);
      // The listener's reads see the change its event describes: it has not committed yet, but it is the same transaction.
      const row = await q.selectFrom("deals").select("title").where("id", "=", e.recordId).executeTakeFirst();
      if (row) inTransaction++;
    });
    const stage = world.pipeline.stages[0].id;
    const [id] = await world.addDeals(stage, ["Listened"]);
    assert.deepEqual(seen.map((e) => [e.kind, e.recordId]), [["created", id]]);
    assert.equal(inTransaction, 1);
    assert.ok(seen[0].id && seen[0].at instanceof Date);

    await assert.rejects(world.run(async (q) => {
      const input = {
        title: "Rolled back",
        value: 1,
        expected_close_date: null,
        stage_id: stage,
        owner_id: world.user.id,
        company: null,
        contact: null,
      };
      await createDeal(q, world.viewer, input);
      throw new Error("abort");
    }));
    assert.equal(seen.length, 2, "the listener ran for the second deal too");
    const stored = await world.run((q) =>
      q.selectFrom("record_events").select("id").where("id", "=", seen[1].id).executeTakeFirst()
    );
    assert.equal(stored, undefined, "its event rolled back with the deal");
  } finally {
    await app.close();
  }
});
