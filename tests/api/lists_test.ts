/**
 * Lists: keyset pages of at most 100 with an opaque next_cursor and a Link header, stable while records are
 * added between pages; filters (owner, status, q, updated_since) and sorts; a cursor that is not one the
 * list gave is a 400. Visibility is the app's: with 'own' visibility a member's key sees their records only.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { type ApiClient, apiClient, apiKey } from "../helpers/api.ts";

/** Follows next_cursor from `path` to the end; the ids in order. */
async function pageThrough(api: ApiClient, path: string, between?: () => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = path;
  while (url) {
    const page = await api.get(url);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    ids.push(...page.body.data.map((r: { id: string }) => r.id));
    const next: string | null = page.body.next_cursor;
    assert.equal(page.body.has_more, next !== null);
    if (next) {
      const link = page.headers.get("link");
      assert.match(link ?? "", /rel="next"/);
      assert.ok(link!.includes(encodeURIComponent(next)) || link!.includes(next));
    }
    url = next ? `${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(next)}` : null;
    await between?.();
  }
  return ids;
}

Deno.test("lists: 1,000 contacts in pages of 100, stable under inserts, in every sort", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    await withOrg({ orgId: fx.org.id }, (q) =>
      sql`insert into contacts (org_id, first_name, last_name, owner_id)
        select ${fx.org.id}, 'P' || n, 'Name' || lpad((n % 97)::text, 3, '0'), ${fx.user.id}
        from generate_series(1, 1000) n`.execute(q.trx));
    const all = await pageThrough(api, "/contacts?limit=100&sort=newest", async () => {
      // Someone adds a contact while the integrator pages: nothing repeats, nothing is skipped.
      await api.post("/contacts", { first_name: "Late", last_name: "Arrival" });
    });
    assert.equal(all.length, 1000);
    assert.equal(new Set(all).size, 1000);
    for (const sort of ["name", "name_desc", "oldest", "updated"]) {
      const ids = await pageThrough(api, `/contacts?limit=100&sort=${sort}`);
      assert.equal(new Set(ids).size, ids.length, `${sort}: no repeats`);
      assert.equal(ids.length, 1000 + 10, `${sort}: every contact once`);
    }
    assert.equal((await api.get("/contacts?limit=101")).status, 400);
    assert.equal((await api.get("/contacts?limit=0")).status, 400);
    assert.equal((await api.get("/contacts")).body.data.length, 25, "25 by default");
  } finally {
    await app.close();
  }
});

Deno.test("lists: filters and a cursor that is not the list's", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const rep = await fx.addMember("MEMBER", "Rita Rep");
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const mine = (await api.post("/leads", { name: "Zebra Corp lead" })).body;
    const hers = (await api.post("/leads", { name: "Yak lead", owner_id: rep.user.id })).body;
    const none = (await api.post("/leads", { name: "Nobody's lead", owner_id: null })).body;
    await api.post(`/leads/${hers.id}/disqualify`, { reason: "no" });
    const ids = async (q: string) => (await api.get(`/leads?${q}`)).body.data.map((l: { id: string }) => l.id);
    assert.deepEqual(await ids("owner=me"), [mine.id]);
    assert.deepEqual(await ids(`owner=${rep.user.id}`), [hers.id]);
    assert.deepEqual(await ids("owner=none"), [none.id]);
    assert.deepEqual(await ids("status=disqualified"), [hers.id]);
    assert.deepEqual(await ids("status=open&sort=oldest"), [mine.id, none.id]);
    assert.deepEqual(await ids("q=zebra"), [mine.id]);

    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api.patch(`/leads/${none.id}`, { phone: "123" });
    assert.deepEqual(await ids(`updated_since=${encodeURIComponent(since)}&sort=updated`), [none.id]);
    assert.deepEqual(await ids(`updated_since=${encodeURIComponent(since.replace("Z", "+00:00"))}`), [none.id]);

    for (const q of ["owner=someone", "status=maybe", "sort=random", "updated_since=yesterday", "colour=red"]) {
      const res = await api.get(`/leads?${q}`);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.type, "/docs/api#problem-invalid-parameter");
      assert.ok(res.body.errors[0].parameter, q);
    }
    const page = await api.get("/leads?limit=1&sort=newest");
    const cursor = page.body.next_cursor;
    assert.ok(cursor);
    for (const bad of ["garbage", `oldest.${cursor.split(".")[1]}`, `${cursor}x`, "newest.", "newest.W10"]) {
      const res = await api.get(`/leads?limit=1&cursor=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.type, "/docs/api#problem-invalid-cursor");
    }
  } finally {
    await app.close();
  }
});

Deno.test("lists: with 'own' visibility a member's key sees their own and their team's records, as in the app", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const rep = await fx.addMember("MEMBER", "Rita Rep");
    const owner = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const theirs = (await owner.post("/companies", { name: "Owner's" })).body;
    const hers = (await owner.post("/companies", { name: "Rita's", owner_id: rep.user.id })).body;
    await sql`update orgs set visibility = 'own' where id = ${fx.org.id}`.execute(services().db);
    // A key acts as its maker, with their role today: made as an admin, Rita is a member now.
    const ritaKey = await apiKey(fx.org.id, rep.user.id, { role: "ADMIN" });
    const rita = apiClient(app, ritaKey);
    assert.deepEqual((await rita.get("/companies")).body.data.map((c: { id: string }) => c.id), [hers.id]);
    assert.equal((await rita.get(`/companies/${theirs.id}`)).status, 404);
    assert.equal((await rita.patch(`/companies/${theirs.id}`, { name: "Mine now" })).status, 404);
    assert.equal((await owner.get("/companies")).body.data.length, 2, "owners see everything");
  } finally {
    await app.close();
  }
});
