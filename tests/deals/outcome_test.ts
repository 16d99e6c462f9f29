import assert from "node:assert/strict";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { boardProps, type DealWorld, dealWorld, json, stageOrder } from "../helpers/deals.ts";

const deal = (w: DealWorld, id: string) =>
  w.run((q) =>
    q.selectFrom("deals").select(["status", "lost_reason", "closed_at", "stage_id", "deleted_at"])
      .where("id", "=", id).executeTakeFirstOrThrow()
  );

const events = (w: DealWorld, id: string) =>
  w.run((q) =>
    q.selectFrom("record_events").select(["kind", "detail", "actor_id"]).where("record_id", "=", id).orderBy("id")
      .execute()
  );

Deno.test("outcomes: won and lost (with a reason) leave the board, show on the timeline, and reopen", async (t) => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    const [lostId, wonId, otherId] = await w.addDeals(s1.id, ["Lost one", "Won one", "Other"], 1_000_00);
    const [keptId] = await w.addDeals(s2.id, ["Kept"], 500_00);
    const base = `/app/${w.org.slug}/deals`;
    const url = (id: string) => `${base}/${id}/outcome`;
    const board = async () => boardProps(await (await w.client.fetch(base)).text());
    const titles = async () => (await board()).columns.map((c) => c.cards.map((card) => card.title));

    await t.step("mark won (JSON, as the board does): closed, on the timeline, off the board", async () => {
      const res = await w.client.fetch(url(wonId), json({ outcome: "won" }));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { id: wonId, status: "won" });
      const row = await deal(w, wonId);
      assert.deepEqual([row.status, row.lost_reason, row.stage_id], ["won", null, s1.id]);
      assert.ok(row.closed_at instanceof Date && Date.now() - row.closed_at.getTime() < 60_000);
      const last = (await events(w, wonId)).at(-1)!;
      assert.deepEqual([last.kind, last.actor_id, last.detail.stage], ["won", w.user.id, s1.name]);

      assert.deepEqual(await titles(), [["Other", "Lost one"], ["Kept"], [], []]);
      const html = await (await w.client.fetch(base)).text();
      assert.match(html, /3 open deals · \$2,500/);
      const page = await (await w.client.fetch(`${base}/${wonId}`)).text();
      assert.match(page, /Olive Owner<\/span> won this deal/);
      assert.match(page, />Reopen</);
      assert.doesNotMatch(page, />Mark won</);
      assert.match(await (await w.client.fetch(`${base}/list?status=won`)).text(), /Won one/);

      const again = await w.client.fetch(url(wonId), json({ outcome: "won" }));
      assert.equal(again.status, 409);
      assert.match(await again.text(), /This deal is already won/);
      // A closed deal cannot be moved on the board either.
      const move = await w.client.fetch(`${base}/${wonId}/move`, json({ stageId: s2.id }));
      assert.equal(move.status, 409);
      await move.body?.cancel();
    });

    await t.step("mark lost needs a reason: 422 with a message, and nothing changes", async () => {
      const missing = await w.client.fetch(url(lostId), json({ outcome: "lost" }));
      assert.equal(missing.status, 422);
      const body = await missing.json();
      assert.ok(body.fields.reason, "the reason field is named");
      const blank = await w.client.fetch(url(lostId), json({ outcome: "lost", reason: "   " }));
      assert.equal(blank.status, 422);
      assert.deepEqual((await blank.json()).fields, { reason: "Required" });
      const long = await w.client.fetch(url(lostId), json({ outcome: "lost", reason: "x".repeat(501) }));
      assert.equal(long.status, 422);
      assert.deepEqual((await long.json()).fields, { reason: "At most 500 characters" });
      const unknown = await w.client.fetch(url(lostId), json({ outcome: "maybe" }));
      assert.equal(unknown.status, 422);
      assert.match(await unknown.text(), /Choose won, lost or open/);

      // Without JavaScript: back to the deal, which says why.
      const path = `${base}/${lostId}`;
      const formBlank = await w.client.fetch(url(lostId), form({ outcome: "lost", reason: "", return: path }));
      assert.equal(formBlank.status, 303);
      assert.equal(formBlank.headers.get("location"), `${path}?error=invalid`);
      const page = await (await w.client.fetch(formBlank.headers.get("location")!)).text();
      assert.match(page, /role="alert"[^>]*>That change was refused: check the stage, or give a reason/);
      assert.equal((await deal(w, lostId)).status, "open");
      assert.deepEqual((await events(w, lostId)).map((e) => e.kind), ["created"]);
    });

    await t.step("mark lost with a reason through the deal page's form", async () => {
      const path = `${base}/${lostId}`;
      const res = await w.client.fetch(url(lostId), form({ outcome: "lost", reason: " Too pricey ", return: path }));
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), path);
      const row = await deal(w, lostId);
      assert.deepEqual([row.status, row.lost_reason], ["lost", "Too pricey"]);
      assert.ok(row.closed_at);
      const last = (await events(w, lostId)).at(-1)!;
      assert.deepEqual([last.kind, last.detail.reason], ["lost", "Too pricey"]);

      const page = await (await w.client.fetch(path)).text();
      assert.match(page, /Olive Owner<\/span> lost this deal/);
      assert.match(page, /Reason: “Too pricey”/);
      assert.match(page, /“Too pricey”<\/p>/, "the timeline entry carries the reason");
      assert.deepEqual(await titles(), [["Other"], ["Kept"], [], []]);
      const html = await (await w.client.fetch(base)).text();
      assert.match(html, /2 open deals · \$1,500/);
      assert.match(await (await w.client.fetch(`${base}/list?status=lost`)).text(), /Lost one/);
      assert.doesNotMatch(await (await w.client.fetch(`${base}/list`)).text(), /Lost one|Won one/);
    });

    await t.step("reopen: back on top of its stage, the reason cleared, on the timeline", async () => {
      const res = await w.client.fetch(url(lostId), json({ outcome: "open" }));
      assert.equal(res.status, 200);
      const row = await deal(w, lostId);
      assert.deepEqual([row.status, row.lost_reason, row.closed_at, row.stage_id], ["open", null, null, s1.id]);
      assert.deepEqual(await stageOrder(w, s1.id), ["Lost one", "Other"]);
      const last = (await events(w, lostId)).at(-1)!;
      assert.deepEqual([last.kind, last.detail.from], ["reopened", "lost"]);
      assert.match(await (await w.client.fetch(`${base}/${lostId}`)).text(), /reopened this deal/);

      const form303 = await w.client.fetch(url(wonId), form({ outcome: "open", return: `${base}/${wonId}` }));
      assert.equal(form303.status, 303);
      assert.equal((await deal(w, wonId)).status, "open");
      assert.deepEqual(await titles(), [["Won one", "Lost one", "Other"], ["Kept"], [], []]);
      const html = await (await w.client.fetch(base)).text();
      assert.match(html, /4 open deals · \$3,500/);

      const again = await w.client.fetch(url(lostId), json({ outcome: "open" }));
      assert.equal(again.status, 409);
      assert.match(await again.text(), /This deal is already open/);
      // And it can be closed again.
      assert.equal((await w.client.fetch(url(lostId), json({ outcome: "won" }))).status, 200);
      assert.deepEqual(
        (await events(w, lostId)).map((e) => e.kind),
        ["created", "lost", "reopened", "won"],
      );
    });

    await t.step("deleted, unknown and other orgs' deals are 404", async () => {
      assert.equal((await w.client.fetch(`${base}/${otherId}/delete`, form({}))).status, 303);
      for (const id of [otherId, crypto.randomUUID()]) {
        const res = await w.client.fetch(url(id), json({ outcome: "won" }));
        assert.equal(res.status, 404);
        await res.body?.cancel();
      }
      assert.equal((await deal(w, otherId)).status, "open");
      const stranger = await dealWorld(app);
      const res = await stranger.client.fetch(
        `/app/${stranger.org.slug}/deals/${keptId}/outcome`,
        json({ outcome: "won" }),
      );
      assert.equal(res.status, 404);
      await res.body?.cancel();
      const cross = await stranger.client.fetch(url(keptId), json({ outcome: "won" }));
      assert.ok([403, 404].includes(cross.status), `another org's URL: ${cross.status}`);
      await cross.body?.cancel();
      assert.equal((await deal(w, keptId)).status, "open");
    });
  } finally {
    await app.close();
  }
});
