/**
 * The cache under reports: the in-process LRU's bounds, the org data version that writes raise
 * (once per transaction, at commit, and only for the org written), Upstash Redis through the REST
 * shim over a real redis-server, and failing open when Redis stops.
 */
import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { MemoryStore } from "@/lib/cache/memory.ts";
import { orgKeyPrefix } from "@/lib/cache/org_keys.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { reportFilters } from "@/lib/reports/filters.ts";
import { metrics } from "@/lib/reports/metrics.ts";
import { loadReport } from "@/lib/reports/report.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { startUpstashShim } from "../fixtures/upstash_shim.ts";
import { skipWithout, startRedis } from "../helpers/services.ts";
import { reportWorld } from "./world.ts";

Deno.test("memory cache: least recently used entries go first, by count and by bytes; entries expire", async () => {
  const store = new MemoryStore(3, 1000);
  await store.set([["a", "1"], ["b", "2"], ["c", "3"]], 60);
  assert.deepEqual(await store.get(["a"]), ["1"]); // a is now the most recent
  await store.set([["d", "4"]], 60);
  assert.deepEqual(await store.get(["a", "b", "c", "d"]), ["1", null, "3", "4"]);
  const small = new MemoryStore(10, 100);
  await small.set(["a", "b", "c", "d", "e"].map((k) => [k, "12345678"]), 60); // 18 bytes each
  await small.set([["f", "12345678"]], 60);
  assert.deepEqual(await small.get(["a", "b", "f"]), [null, "12345678", "12345678"], "over 100 bytes: a goes");
  await small.set([["huge", "x".repeat(60)]], 60);
  assert.deepEqual(await small.get(["huge"]), [null], "a value larger than the whole cache is not kept");
  await store.set([["gone", "soon"]], 0);
  assert.deepEqual(await store.get(["gone"]), [null]);
});

Deno.test("data version: raised once per committed transaction that writes reported data, for that org only", async () => {
  const app = await testApp();
  try {
    const a = await orgWithOwner(app, "Versioned");
    const b = await orgWithOwner(app, "Other");
    const version = (orgId: string) => withOrg({ orgId }, orgKeyPrefix);
    const inA = <R>(fn: Parameters<typeof withOrg<R>>[1]) => withOrg({ orgId: a.org.id, userId: a.user.id }, fn);
    await inA((q) => choosePipeline(q)); // the default pipeline and its stages
    const before = await version(a.org.id);
    const otherBefore = await version(b.org.id);

    await inA(async (q) => {
      for (let i = 0; i < 3; i++) await q.insertInto("leads", { name: `Lead ${i}` }).execute();
      await q.updateTable("leads").set({ status: "qualified" }).execute();
    });
    const once = await version(a.org.id);
    assert.notEqual(once, before);
    assert.equal(Number(once.split(":v")[1]), Number(before.split(":v")[1]) + 1, "one raise for the transaction");

    await inA((q) => q.insertInto("companies", { name: "Not reported" }).execute());
    assert.equal(await version(a.org.id), once, "companies are not in any report");

    await assert.rejects(inA(async (q) => {
      await q.insertInto("leads", { name: "Rolled back" }).execute();
      throw new Error("roll back");
    }));
    assert.equal(await version(a.org.id), once, "a rolled-back write raises nothing");

    for (
      const write of [
        (q: Parameters<Parameters<typeof inA>[0]>[0]) => q.updateTable("stages").set({ probability: 55 }).execute(),
        (q: Parameters<Parameters<typeof inA>[0]>[0]) => q.updateTable("memberships").set({ team: "North" }).execute(),
        (q: Parameters<Parameters<typeof inA>[0]>[0]) =>
          q.insertInto("activities", { type: "note", subject: "n", record_type: "lead", record_id: a.org.id })
            .execute(),
      ]
    ) {
      const was = await version(a.org.id);
      await inA(async (q) => void await write(q));
      assert.notEqual(await version(a.org.id), was);
    }
    assert.equal(await version(b.org.id), otherBefore, "another org's version stays");
  } finally {
    await app.close();
  }
});

const OVER_REDIS = "reports cache: sections in Upstash Redis (REST shim over redis-server), failing open when it stops";

Deno.test({ name: OVER_REDIS, ignore: skipWithout("redis-server", OVER_REDIS) }, async () => {
  const server = await startRedis();
  const shim = await startUpstashShim(server.url);
  const app = await testApp({ UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token });
  try {
    const world = await reportWorld(app, {
      zone: "Europe/Berlin",
      currency: "EUR",
      otherCurrency: "USD",
      seed: 9,
      deals: 40,
    });
    const owner = await world.viewer("owner");
    const { filters } = reportFilters(new URL("http://x/"));
    const first = await loadReport(owner, filters);
    assert.equal(first.cached, 0);
    const redis = new Redis({ url: shim.url, token: shim.token });
    const keys = await redis.keys(`nexacrm:${world.orgId}:*`);
    assert.equal(keys.length, 5, "five sections stored in Redis");
    const second = await loadReport(owner, filters);
    assert.equal(second.cached, 5);
    assert.deepEqual(metrics(second), metrics(first));

    await server.close();
    const started = performance.now();
    const down = await loadReport(owner, filters);
    assert.equal(down.cached, 0, "Redis down: computed");
    assert.deepEqual(metrics(down), metrics(first));
    const again = await loadReport(owner, filters);
    assert.deepEqual(metrics(again), metrics(first), "and again, without waiting on Redis");
    assert.ok(performance.now() - started < 5_000, "no retries while Redis is down");
  } finally {
    await app.close();
    await shim.close().catch(() => {});
    await server.close().catch(() => {});
  }
});
