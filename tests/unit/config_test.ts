import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "@/lib/config/env.ts";

Deno.test("config: defaults apply when nothing is set", () => {
  const c = parseConfig({});
  assert.equal(c.PORT, 8000);
  assert.equal(c.DATA_DIR, ".data");
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.STRIPE_SECRET_KEY, undefined);
});

Deno.test("config: a bad value fails with a message naming the variable", () => {
  assert.throws(() => parseConfig({ PORT: "eighty" }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /PORT/);
    return true;
  });
  assert.throws(() => parseConfig({ DATABASE_URL: "mysql://x" }), /DATABASE_URL: must be a postgres/);
  assert.throws(() => parseConfig({ APP_URL: "not a url" }), /APP_URL/);
});

Deno.test("config: APP_URL follows PORT outside production, and production requires it", () => {
  assert.equal(parseConfig({}).APP_URL, "http://localhost:8000");
  assert.equal(parseConfig({ PORT: "8401" }).APP_URL, "http://localhost:8401");
  assert.equal(parseConfig({ PORT: "8401", APP_URL: "https://crm.example.com" }).APP_URL, "https://crm.example.com");
  assert.throws(() => parseConfig({ DENO_ENV: "production" }), /APP_URL: required in production/);
  assert.throws(() => parseConfig({ DENO_ENV: "production", APP_URL: "javascript:alert(1)" }), /APP_URL/);
  assert.equal(parseConfig({ DENO_ENV: "production", APP_URL: "https://crm.example.com" }).PORT, 8000);
});

Deno.test("config: QStash needs both signing keys with its token", () => {
  assert.throws(
    () => parseConfig({ QSTASH_TOKEN: "t" }),
    /QSTASH_CURRENT_SIGNING_KEY: required with QSTASH_TOKEN[\s\S]*QSTASH_NEXT_SIGNING_KEY: required/,
  );
  const c = parseConfig({ QSTASH_TOKEN: "t", QSTASH_CURRENT_SIGNING_KEY: "a", QSTASH_NEXT_SIGNING_KEY: "b" });
  assert.equal(c.QSTASH_URL, undefined);
  assert.throws(() => parseConfig({ QSTASH_URL: "nope" }), /QSTASH_URL/);
});
