/**
 * Limits on API use, from the plan (lib/billing/plans.ts): requests a minute per key through the shared
 * limiter (in process, or Upstash Redis: here through the REST shim over a real Redis), with RateLimit-*
 * headers on every answer and 429 + Retry-After over it; the month's call allowance, counted and refused
 * with a clear 402, shown on the billing page; and the app's own rules: record limits and read-only mode.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { PLANS } from "@/lib/billing/plans.ts";
import { usageMonth } from "@/lib/billing/usage.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { type TestApp, testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { apiClient, apiKey } from "../helpers/api.ts";
import { ageOrg } from "../helpers/billing.ts";
import { startUpstashShim } from "../fixtures/upstash_shim.ts";
import { skipWithout, startRedis } from "../helpers/services.ts";

/** An org past its trial, on Free: 60 requests a minute per key. */
async function freeOrg(app: TestApp) {
  const fx = await orgWithOwner(app);
  await ageOrg(fx.org.id, 30);
  return fx;
}

async function hitTheLimit(app: TestApp) {
  const fx = await freeOrg(app);
  const perMinute = PLANS.free.limits.apiRequestsPerMinute;
  const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
  const remaining: number[] = [];
  for (let i = 0; i < perMinute; i++) {
    const res = await api.get("/me");
    assert.equal(res.status, 200, `request ${i + 1}`);
    assert.equal(res.headers.get("ratelimit-limit"), String(perMinute));
    remaining.push(Number(res.headers.get("ratelimit-remaining")));
  }
  assert.deepEqual(remaining, Array.from({ length: perMinute }, (_, i) => perMinute - 1 - i));
  const over = await api.get("/companies");
  assert.equal(over.status, 429);
  assert.equal(over.body.type, "/docs/api#problem-rate-limited");
  assert.equal(over.headers.get("ratelimit-remaining"), "0");
  const retry = Number(over.headers.get("retry-after"));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  assert.equal(over.headers.get("ratelimit-reset"), String(retry));
  // Per key: another key of the same org has its own minute.
  assert.equal((await apiClient(app, await apiKey(fx.org.id, fx.user.id)).get("/me")).status, 200);
  // Refused requests are not counted against the month.
  const calls = await withOrg(
    { orgId: fx.org.id },
    (q) => q.selectFrom("api_usage").select("calls").executeTakeFirst(),
  );
  assert.equal(Number(calls?.calls), perMinute + 1);
}

Deno.test("limits: a key's requests a minute come from its plan; over them, 429 with Retry-After", async () => {
  const app = await testApp();
  try {
    await hitTheLimit(app);
  } finally {
    await app.close();
  }
});

const OVER_REDIS = "limits: the API's rate limit runs on Upstash Redis when it is configured";
Deno.test({ name: OVER_REDIS, ignore: skipWithout("redis-server", OVER_REDIS) }, async () => {
  const server = await startRedis();
  const shim = await startUpstashShim(server.url);
  const app = await testApp({ UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token });
  try {
    await hitTheLimit(app);
    const { Redis } = await import("@upstash/redis");
    const redis = new Redis({ url: shim.url, token: shim.token });
    assert.ok((await redis.keys("nexacrm:rl:api:key:*")).length > 0, "the counts live in Redis");
  } finally {
    await app.close();
    await shim.close();
    await server.close();
  }
});

Deno.test("limits: the month's API calls are counted, refused past the plan's allowance, and shown on billing", async () => {
  const app = await testApp();
  try {
    const fx = await freeOrg(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    for (let i = 0; i < 3; i++) assert.equal((await api.get("/me")).status, 200);
    const me = await api.get("/me");
    assert.equal(me.body.plan.calls_this_month, 3, "the calls before this one");
    assert.equal(me.body.plan.calls_per_month, PLANS.free.limits.apiCallsPerMonth);
    const billing = await (await fx.client.fetch(`/app/${fx.org.slug}/settings/billing`)).text();
    assert.match(billing, /data-testid="api-calls">4<\/span> this month of 10,000 API calls a month/);

    const allowance = PLANS.free.limits.apiCallsPerMonth;
    await withOrg(
      { orgId: fx.org.id },
      (q) => q.updateTable("api_usage").set({ calls: allowance - 1 }).where("month", "=", usageMonth()).execute(),
    );
    assert.equal((await api.get("/me")).status, 200, "the last call of the allowance");
    const refused = await api.get("/me");
    assert.equal(refused.status, 402);
    assert.equal(refused.body.type, "/docs/api#problem-plan-limit");
    assert.equal(refused.body.limit, "apiCallsPerMonth");
    assert.match(refused.body.detail, /10,000 API calls a month\. Upgrade to Pro for 1,000,000 API calls a month/);
    assert.ok(refused.headers.get("ratelimit-limit"));
    const stored = await withOrg(
      { orgId: fx.org.id },
      (q) => q.selectFrom("api_usage").select("calls").executeTakeFirst(),
    );
    assert.equal(Number(stored?.calls), allowance, "refused calls are not counted");
  } finally {
    await app.close();
  }
});

Deno.test("limits: the plan's record limit and read-only mode apply to the API as to the app", async () => {
  const app = await testApp();
  try {
    const fx = await freeOrg(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    await withOrg(
      { orgId: fx.org.id },
      (q) =>
        sql`insert into companies (org_id, name) select ${fx.org.id}, 'Filler ' || n
        from generate_series(1, ${PLANS.free.limits.records}) n`.execute(q.trx),
    );
    const full = await api.post("/contacts", { first_name: "One too many" });
    assert.equal(full.status, 402);
    assert.equal(full.body.type, "/docs/api#problem-plan-limit");
    assert.equal(full.body.limit, "records");

    await withOrg({ orgId: fx.org.id }, (q) =>
      q.insertInto("org_billing", {
        stripe_customer_id: "cus_api",
        stripe_subscription_id: "sub_api",
        plan: "pro",
        status: "past_due",
        seats: 1,
        dunning_since: new Date(Date.now() - 10 * 86_400_000),
      }).execute());
    const readOnly = await api.patch(`/companies/${crypto.randomUUID()}`, { name: "x" });
    assert.equal(readOnly.status, 402);
    assert.equal(readOnly.body.type, "/docs/api#problem-read-only");
    assert.match(readOnly.body.detail, /read-only because payment has been failing/);
    assert.equal((await api.get("/companies?limit=1")).status, 200, "reads go on");
  } finally {
    await app.close();
  }
});
