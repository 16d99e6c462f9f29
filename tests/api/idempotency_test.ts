/**
 * Idempotency-Key on POST and PATCH: a retry with the same key and body replays the first response (one
 * deal, not two), another body is a 422, a request while the first still runs is a 409, a 5xx releases
 * the key; expired entries are purged across orgs by purgeExpiredIdempotency (run by the job system).
 */
import assert from "node:assert/strict";
import { purgeExpiredIdempotency, requestHash, settle } from "@/lib/api/idempotency.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { apiClient, apiKey } from "../helpers/api.ts";

const dealsNamed = (orgId: string, title: string) =>
  withOrg({ orgId }, (q) => q.selectFrom("deals").select("id").where("title", "=", title).execute());

Deno.test("idempotency: the same key and body replays the first response; another body is a 422", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const key = { "idempotency-key": crypto.randomUUID() };
    const first = await api.post("/deals", { title: "Twice", value_minor: 100 }, key);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    const again = await api.post("/deals", { title: "Twice", value_minor: 100 }, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get("location"), first.headers.get("location"));
    assert.equal(again.headers.get("etag"), first.headers.get("etag"));
    assert.ok(again.headers.get("ratelimit-remaining"), "a replay is a request like any other");
    assert.equal((await dealsNamed(fx.org.id, "Twice")).length, 1, "one deal");

    const changed = await api.post("/deals", { title: "Twice", value_minor: 200 }, key);
    assert.equal(changed.status, 422);
    assert.equal(changed.body.type, "/docs/api#problem-idempotency-key-reused");
    const elsewhere = await api.post("/companies", { name: "Twice" }, key);
    assert.equal(elsewhere.body.type, "/docs/api#problem-idempotency-key-reused", "another path is another request");

    // Refusals are replayed too; invalid input is not stored (a fixed body may reuse the key).
    const refusedKey = { "idempotency-key": crypto.randomUUID() };
    const other = await apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const won = { "idempotency-key": crypto.randomUUID() };
    assert.equal((await other.post(`/deals/${first.body.id}/won`, {}, won)).status, 200);
    const replayedWin = await other.post(`/deals/${first.body.id}/won`, {}, won);
    assert.equal(replayedWin.status, 200, "replayed, not a 409 'already won'");
    assert.equal(replayedWin.headers.get("idempotent-replayed"), "true");
    assert.equal((await api.post("/deals", { title: "" }, refusedKey)).status, 422);
    assert.equal((await api.post("/deals", { title: "Fixed" }, refusedKey)).status, 201);

    const patchKey = { "idempotency-key": crypto.randomUUID() };
    const p1 = await api.patch(`/deals/${first.body.id}`, { value_minor: 300 }, patchKey);
    const p2 = await api.patch(`/deals/${first.body.id}`, { value_minor: 300 }, patchKey);
    assert.equal(p1.body.version, p2.body.version, "a replayed PATCH changes nothing again");
    assert.equal(p2.headers.get("idempotent-replayed"), "true");

    for (const bad of ["", "x".repeat(256), "naïve"]) {
      const res = await api.post("/deals", { title: "Bad key" }, { "idempotency-key": bad });
      assert.equal(res.status, 422, JSON.stringify(bad));
    }
  } finally {
    await app.close();
  }
});

Deno.test("idempotency: concurrent retries make one deal; a running first request answers the others 409", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const token = await apiKey(fx.org.id, fx.user.id);
    const api = apiClient(app, token);
    const key = { "idempotency-key": crypto.randomUUID() };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.post("/deals", { title: "Race", value_minor: 1 }, key)),
    );
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.every((s) => s === 201 || s === 409), statuses.join());
    assert.ok(statuses.includes(201));
    assert.ok(
      answers.filter((a) => a.status === 201).every((a) =>
        a.body.id === answers.find((b) => b.status === 201)!.body.id
      ),
    );
    assert.equal((await dealsNamed(fx.org.id, "Race")).length, 1, "one deal whatever the timing");

    // A claim still running (no response stored yet) holds the key.
    const held = crypto.randomUUID();
    const body = JSON.stringify({ title: "Held" });
    await withOrg({ orgId: fx.org.id }, async (q) =>
      q.insertInto("api_idempotency", {
        idempotency_key: held,
        key_id: null,
        request_hash: await requestHash("POST", "/api/v1/deals", body),
        expires_at: new Date(Date.now() + 3600_000),
      }).execute());
    const busy = await api.post("/deals", body, { "idempotency-key": held });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.type, "/docs/api#problem-idempotency-in-progress");
    assert.equal(busy.headers.get("retry-after"), "1");
  } finally {
    await app.close();
  }
});

Deno.test("idempotency: a 5xx releases its key; purgeExpiredIdempotency deletes expired entries of every org", async () => {
  const app = await testApp();
  try {
    const a = await orgWithOwner(app, "A");
    const b = await orgWithOwner(app, "B");
    const put = (orgId: string, key: string, hoursLeft: number) =>
      withOrg({ orgId }, (q) =>
        q.insertInto("api_idempotency", {
          idempotency_key: key,
          key_id: null,
          request_hash: "h",
          status: 201,
          body: "{}",
          expires_at: new Date(Date.now() + hoursLeft * 3600_000),
        }).execute());
    await put(a.org.id, "old-a", -1);
    await put(b.org.id, "old-b", -25);
    await put(a.org.id, "fresh-a", 23);
    await put(b.org.id, "fresh-b", 1);
    await withOrg(
      { orgId: a.org.id },
      (q) =>
        q.insertInto("api_idempotency", {
          idempotency_key: "failing",
          key_id: null,
          request_hash: "h",
          expires_at: new Date(Date.now() + 3600_000),
        })
          .execute(),
    );
    await settle({ orgId: a.org.id, key: "failing" }, new Response("boom", { status: 500 }));

    assert.equal(await purgeExpiredIdempotency(1), 2, "in batches, until none is left");
    const left = async (orgId: string) =>
      (await withOrg({ orgId }, (q) => q.selectFrom("api_idempotency").select("idempotency_key").execute()))
        .map((r) => r.idempotency_key).sort();
    assert.deepEqual(await left(a.org.id), ["fresh-a"], "the failed request's key is released");
    assert.deepEqual(await left(b.org.id), ["fresh-b"]);
    assert.equal(await purgeExpiredIdempotency(), 0);
  } finally {
    await app.close();
  }
});
