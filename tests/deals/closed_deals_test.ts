/**
 * Closed deals stay findable and read as closed: the board links to won and lost deals, the list
 * offers "All", a closed deal's page shows its outcome instead of open-deal figures, and counts read
 * in the right number ("1 open deal").
 */
import assert from "node:assert/strict";
import { testApp } from "../helpers/app.ts";
import { dealWorld, json } from "../helpers/deals.ts";

Deno.test("closed deals: one click from the board, 'All' in the list, outcome on their page, counts in number", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1] = w.pipeline.stages;
    const [openId, wonId, lostId] = await w.addDeals(s1.id, ["Still open", "Closed won", "Closed lost"]);
    const base = `/app/${w.org.slug}/deals`;
    const page = async (path: string) => await (await w.client.fetch(path)).text();
    assert.equal((await w.client.fetch(`${base}/${wonId}/outcome`, json({ outcome: "won" }))).status, 200);
    assert.equal(
      (await w.client.fetch(`${base}/${lostId}/outcome`, json({ outcome: "lost", reason: "Price" }))).status,
      200,
    );

    const board = await page(base);
    assert.match(board, /1 open deal ·/);
    const won = `${base}/list?pipeline=${w.pipeline.id}&amp;status=won`;
    const lost = `${base}/list?pipeline=${w.pipeline.id}&amp;status=lost`;
    assert.match(board, new RegExp(`href="${won.replace(/\?/g, "\\?")}"[^>]*>Won deals<`));
    assert.match(board, new RegExp(`href="${lost.replace(/\?/g, "\\?")}"[^>]*>Lost deals<`));

    const wonList = await page(`${base}/list?pipeline=${w.pipeline.id}&status=won`);
    assert.match(wonList, /Closed won/);
    assert.doesNotMatch(wonList, /Still open|Closed lost/);
    assert.match(wonList, /Showing 1 of 1 deal</);
    const all = await page(`${base}/list?status=all`);
    assert.match(all, /<option value="all" selected>All<\/option>/);
    for (const title of ["Still open", "Closed won", "Closed lost"]) assert.match(all, new RegExp(title));
    assert.match(all, /Showing 3 of 3 deals</);

    const wonPage = await page(`${base}/${wonId}`);
    assert.match(wonPage, /Won on \d{1,2} \w{3} \d{4}/);
    assert.doesNotMatch(wonPage, /Weighted|In this stage/);
    const lostPage = await page(`${base}/${lostId}`);
    assert.match(lostPage, /Lost on \d{1,2} \w{3} \d{4}/);
    assert.match(lostPage, /Reason: “Price”/);
    assert.doesNotMatch(lostPage, /Weighted|In this stage/);
    const openPage = await page(`${base}/${openId}`);
    assert.match(openPage, /Weighted/);
    assert.match(openPage, /In this stage/);
    assert.match(openPage, /0 days, since/);
  } finally {
    await app.close();
  }
});
