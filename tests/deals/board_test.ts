import assert from "node:assert/strict";
import { FIRST_PAGE } from "@/lib/deals/board.ts";
import { testApp } from "../helpers/app.ts";
import { boardProps, bulkDeals, dealWorld, json } from "../helpers/deals.ts";

Deno.test("board: columns with counts, totals and weighted totals; filters by owner and title", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    await w.addDeals(s1.id, ["Acme renewal", "Globex pilot"], 1_000_00);
    await w.addDeals(s2.id, ["Initech upsell"], 2_500_50);
    const rep = await w.addMember("MEMBER", "Rita Rep");
    const { id: repDeal } = await w.run((q) =>
      q.insertInto("deals", {
        title: "Rita's deal",
        value_minor: 300_00,
        pipeline_id: w.pipeline.id,
        stage_id: s1.id,
        owner_id: rep.user.id,
        stage_entered_at: new Date(Date.now() - 30 * 86_400_000),
      }).returning("id").executeTakeFirstOrThrow()
    );

    const res = await w.client.fetch(`/app/${w.org.slug}/deals`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /4 open deals · \$4,800\.5/);
    const props = boardProps(html);
    const [c1, c2] = props.columns;
    assert.deepEqual([c1.name, c1.count, c1.totalMinor, c1.probability], [s1.name, 3, 2_300_00, s1.probability]);
    assert.deepEqual([c2.count, c2.totalMinor], [1, 2_500_50]);
    assert.equal(c1.cards.find((c) => c.id === repDeal)?.rotting, true, "30 days in a stage rots (org: 14)");
    assert.equal(c1.cards.find((c) => c.title === "Acme renewal")?.rotting, false);
    // Without JavaScript, each card has a form to move it.
    assert.match(html, new RegExp(`action="/app/${w.org.slug}/deals/${repDeal}/move"`));
    // Styled ahead for the browser: the Won button (drawn once the board runs) and a card picked up with the
    // keyboard, both set by the island's parts in components/board/.
    assert.doesNotMatch(html, /class="[^"]*border-emerald-300/);
    assert.match(html, /\.border-emerald-300\{/);
    assert.match(html, /\.ring-brand-500\{/);

    const mine = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals?owner=${rep.user.id}`)).text());
    assert.deepEqual(mine.columns.map((c) => c.count), [1, 0, 0, 0]);
    assert.equal(mine.columns[0].totalMinor, 300_00);
    const titled = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals?q=acme`)).text());
    assert.deepEqual(titled.columns[0].cards.map((c) => c.title), ["Acme renewal"]);
    assert.equal(titled.filterQuery, "q=acme");

    assert.equal((await w.client.fetch(`/app/${w.org.slug}/deals?pipeline=nope`)).status, 404);
    assert.equal((await w.client.fetch(`/app/${w.org.slug}/deals?pipeline=${crypto.randomUUID()}`)).status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("board: first page per column, then keyset pages of the column in board order", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    await bulkDeals(w, s1.id, 120);
    const props = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals`)).text());
    const column = props.columns[0];
    assert.equal(column.count, 120);
    assert.equal(column.totalMinor, 120 * 1_000);
    assert.equal(column.cards.length, FIRST_PAGE);
    assert.ok(column.next);
    assert.equal(props.columns[1].next, null);

    const seen = column.cards.map((c) => c.title);
    let next: string | null = column.next;
    while (next) {
      const res = await w.client.fetch(
        `/app/${w.org.slug}/deals/column?stage=${s1.id}&after=${encodeURIComponent(next)}`,
      );
      assert.equal(res.status, 200);
      const page = await res.json();
      seen.push(...page.cards.map((c: { title: string }) => c.title));
      next = page.next;
    }
    assert.equal(seen.length, 120);
    assert.deepEqual(seen, [...seen].sort(), "pages follow board order without gaps or repeats");

    const bad = await w.client.fetch(`/app/${w.org.slug}/deals/column?stage=${s2.id}&after=garbage`, {
      headers: { accept: "application/json" },
    });
    assert.equal(bad.status, 400);
    assert.equal((await w.client.fetch(`/app/${w.org.slug}/deals/column?stage=x&after=1~x`)).status, 400);
    const filtered = await w.client.fetch(
      `/app/${w.org.slug}/deals/column?stage=${s1.id}&after=${encodeURIComponent(column.next!)}&q=00120`,
    );
    assert.deepEqual((await filtered.json()).cards.map((c: { title: string }) => c.title), ["Bulk 00120"]);
  } finally {
    await app.close();
  }
});

Deno.test("board: moving through the JSON endpoint and the no-JavaScript form", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    const [b, a] = await w.addDeals(s1.id, ["B", "A"]);
    const url = (id: string) => `/app/${w.org.slug}/deals/${id}/move`;

    const res = await w.client.fetch(url(a), json({ stageId: s2.id, afterId: null, beforeId: null }));
    assert.equal(res.status, 200);
    const moved = await res.json();
    assert.equal(moved.stageId, s2.id);
    assert.equal(typeof moved.position, "number");
    assert.equal(moved.stageChanged, true);

    const form = new URLSearchParams({ stageId: s2.id, return: `/app/${w.org.slug}/deals?owner=me` });
    const posted = await w.client.fetch(url(b), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" },
      body: form.toString(),
    });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get("location"), `/app/${w.org.slug}/deals?owner=me`);
    const board = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals`)).text());
    assert.deepEqual(board.columns[1].cards.map((c) => c.title), ["B", "A"], "a move without neighbours goes on top");
    assert.deepEqual([board.columns[0].count, board.columns[1].count], [0, 2]);

    // Refusals: JSON gets a status and a message, the form gets a redirect saying why.
    const refused = async (body: unknown, status: number, message: RegExp, id = a) => {
      const r = await w.client.fetch(url(id), json(body));
      assert.equal(r.status, status);
      assert.match(await r.text(), message);
    };
    const other = await w.run((q) =>
      q.insertInto("pipelines", { name: "Other" }).returning("id").executeTakeFirstOrThrow()
    );
    const foreign = await w.run((q) =>
      q.insertInto("stages", { name: "Elsewhere", position: 0, pipeline_id: other.id }).returning("id")
        .executeTakeFirstOrThrow()
    );
    await refused({ stageId: foreign.id }, 422, /Choose a stage of this deal's pipeline/);
    await refused({ stageId: "not-a-uuid" }, 422, /Choose a stage/);
    await refused({ stageId: s1.id, afterId: crypto.randomUUID() }, 409, /board changed/);
    await refused({ stageId: s1.id, afterId: a }, 422, /next to itself/);
    await refused({ stageId: s1.id }, 404, /Not found|No such deal/, crypto.randomUUID());
    const garbled = await w.client.fetch(url(a), { ...json({}), body: "{nope" });
    assert.equal(garbled.status, 400);

    await w.client.fetch(`/app/${w.org.slug}/deals/${a}/outcome`, json({ outcome: "won" }));
    await refused({ stageId: s1.id }, 409, /This deal is won/);
    const formRefused = await w.client.fetch(url(a), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" },
      body: new URLSearchParams({ stageId: s1.id, return: `/app/${w.org.slug}/deals` }).toString(),
    });
    assert.equal(formRefused.headers.get("location"), `/app/${w.org.slug}/deals?error=conflict`);
    const page = await (await w.client.fetch(formRefused.headers.get("location")!)).text();
    assert.match(page, /role="alert"[^>]*>That deal could not be moved/);
  } finally {
    await app.close();
  }
});
