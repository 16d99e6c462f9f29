import assert from "node:assert/strict";
import { moveDeal } from "@/lib/deals/move.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld, stageOrder } from "../helpers/deals.ts";

Deno.test("moves: across stages, between neighbours, to the top, with a timeline entry", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    const [c, b, a] = await w.addDeals(s1.id, ["C", "B", "A"]);
    assert.deepEqual(await stageOrder(w, s1.id), ["A", "B", "C"]);

    const moved = await w.run((q) => moveDeal(q, w.viewer, b, { stageId: s2.id, afterId: null, beforeId: null }));
    assert.equal(moved.stageChanged, true);
    assert.deepEqual(await stageOrder(w, s2.id), ["B"]);

    // Reorder within a stage: C between A and (nothing) → after A.
    await w.run((q) => moveDeal(q, w.viewer, c, { stageId: s1.id, afterId: null, beforeId: a }));
    assert.deepEqual(await stageOrder(w, s1.id), ["C", "A"]);
    await w.run((q) => moveDeal(q, w.viewer, a, { stageId: s2.id, afterId: b, beforeId: null }));
    assert.deepEqual(await stageOrder(w, s2.id), ["B", "A"]);
    const back = await w.run((q) => moveDeal(q, w.viewer, c, { stageId: s2.id, afterId: b, beforeId: a }));
    assert.deepEqual(await stageOrder(w, s2.id), ["B", "C", "A"]);
    assert.equal(back.stageChanged, true);

    const events = await w.run((q) =>
      q.selectFrom("record_events").select(["kind", "detail", "actor_id"]).where("record_id", "=", c)
        .orderBy("id").execute()
    );
    assert.deepEqual(events.map((e) => e.kind), ["created", "stage_changed"]);
    assert.equal(events[1].actor_id, w.user.id);
    assert.deepEqual(
      { from: events[1].detail.from, to: events[1].detail.to },
      { from: s1.name, to: s2.name },
    );
  } finally {
    await app.close();
  }
});
