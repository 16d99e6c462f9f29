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
