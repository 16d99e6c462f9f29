/**
 * The database unreachable: requests get a 503 with Retry-After and /healthz names the database, instead of 500s or
 * a crash. A pool pointed at a port where nothing listens stands for a database that is down, on any machine.
 */
import assert from "node:assert/strict";
import manifest from "@/fresh.gen.ts";
import { openDatabase } from "@/db/client.ts";
import { DatabaseUnavailable, isConnectionFailure } from "@/db/unavailable.ts";
import { createApp, ROOT } from "@/lib/app.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { readIslandAssets } from "@/lib/fresh/assets.ts";
import { freePort } from "../helpers/services.ts";

Deno.test("database down: pages answer 503 with Retry-After, /healthz says the database is down", async () => {
  const database = await openDatabase({
    databaseUrl: `postgres://nexa@127.0.0.1:${freePort()}/nowhere`,
    driver: "pg",
    migrate: false,
  });
  const config = parseConfig({ APP_URL: "http://localhost:8000", DENO_ENV: "test" });
  const assets = await readIslandAssets(ROOT);
  const app = await createApp({ manifest, dev: false, assets: () => assets, config, database });
  const get = (path: string, headers: HeadersInit = {}) =>
    app.handler(new Request(`http://localhost:8000${path}`, { headers }), { remoteAddr: { hostname: "127.0.0.1" } });
  try {
    const page = await get("/app/acme/deals", { cookie: "__Host-nexa_session=abcdefghijklmnopqrstuv" });
    assert.equal(page.status, 503);
    assert.equal(page.headers.get("retry-after"), "2");
    assert.match(page.headers.get("x-request-id") ?? "", /^[\w-]{36}$/);
    assert.match(await page.text(), /database is not reachable/);

    const health = await get("/healthz");
    assert.equal(health.status, 503);
    const body = await health.json();
    assert.equal(body.ok, false);
    assert.equal(body.database.ok, false);
    assert.equal(body.redis, "not configured");
  } finally {
    await database.close();
  }
});

Deno.test("database down: connection failures are told apart from failed queries", () => {
  const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
  for (const err of [coded("ECONNREFUSED"), coded("57P01"), coded("08006"), new Error("Connection terminated")]) {
    assert.ok(isConnectionFailure(err), (err as Error).message);
  }
  for (const err of [coded("23505"), coded("42P01"), new Error("invalid input syntax"), null, "text"]) {
    assert.ok(!isConnectionFailure(err), String(err));
  }
  assert.equal(new DatabaseUnavailable(coded("ECONNREFUSED")).status, 503);
});
