import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { limit, tooManyRequests } from "@/lib/ratelimit/mod.ts";
import { testApp } from "../helpers/app.ts";
import { startUpstashShim } from "../fixtures/upstash_shim.ts";
import { skipWithout, startRedis } from "../helpers/services.ts";

const rule = { requests: 3, windowSeconds: 60 };

async function exhaust(bucket: string, key: string) {
  for (let i = 0; i < rule.requests; i++) assert.equal((await limit(bucket, key, rule)).success, true);
  const blocked = await limit(bucket, key, rule);
  assert.equal(blocked.success, false);
  assert.ok(blocked.retryAfterSeconds >= 1 && blocked.retryAfterSeconds <= 60, `${blocked.retryAfterSeconds}`);
  // Other keys and other buckets are counted apart.
  assert.equal((await limit(bucket, `${key}-other`, rule)).success, true);
  assert.equal((await limit(`${bucket}-other`, key, rule)).success, true);
}

Deno.test("ratelimit: the in-process limiter lets `requests` through per window, then says when to retry", async () => {
  const app = await testApp();
  try {
    await exhaust("test", crypto.randomUUID());
  } finally {
    await app.close();
  }
});

const OVER_REDIS = "ratelimit: @upstash/ratelimit through the Upstash REST shim over a real Redis";

Deno.test({ name: OVER_REDIS, ignore: skipWithout("redis-server", OVER_REDIS) }, async () => {
  const server = await startRedis();
  const shim = await startUpstashShim(server.url);
  const app = await testApp({ UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token });
  try {
    const redis = new Redis({ url: shim.url, token: shim.token });
    const key = `shim-test:${crypto.randomUUID()}`;
    assert.equal(await redis.set(key, "héllo", { ex: 60 }), "OK");
    assert.equal(await redis.get(key), "héllo");
    const id = crypto.randomUUID();
    await exhaust("test", id);
    // The count lives in Redis, not in this process.
    assert.ok((await redis.keys(`nexacrm:rl:test:*${id}*`)).length > 0);
  } finally {
    await app.close();
    await shim.close();
    await server.close();
  }
});

Deno.test("ratelimit: a limited request is a 429 with Retry-After", async () => {
  const res = tooManyRequests(42);
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "42");
  await res.body?.cancel();
});

const REDIS_DOWN = "ratelimit: with Upstash Redis down, limits fall back to the process instead of failing requests";

Deno.test({ name: REDIS_DOWN, ignore: skipWithout("redis-server", REDIS_DOWN) }, async () => {
  const server = await startRedis();
  const shim = await startUpstashShim(server.url);
  const app = await testApp({ UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token });
  try {
    await server.close();
    const started = performance.now();
    await exhaust("down", crypto.randomUUID());
    assert.ok(performance.now() - started < 5_000, "answers without waiting for Redis");
    const health = await (await app.fetch("/healthz")).json();
    assert.equal(health.ok, true);
    assert.equal(health.redis.ok, false);
  } finally {
    await app.close();
    await shim.close();
  }
});
