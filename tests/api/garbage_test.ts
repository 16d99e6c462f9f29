/**
 * Bad input to every operation of /api/v1 (found in the registry the OpenAPI document is made from):
 * malformed JSON, other content types, unknown fields, oversized bodies, huge numbers, odd unicode, nulls
 * and wrong types, garbage ids and query strings. Every answer is a 4xx application/problem+json, never a
 * 5xx, and never echoes a huge value.
 */
import assert from "node:assert/strict";
import { MAX_BODY_BYTES } from "@/lib/api/input.ts";
import { OPERATIONS } from "@/lib/api/operations.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { apiClient, apiKey } from "../helpers/api.ts";
import { echoesLongValue, HUGE, PATH_GARBAGE, QUERY_GARBAGE, UNICODE } from "../helpers/garbage.ts";

const FIELDS = [
  ...["name", "title", "first_name", "last_name", "email", "phone", "domain", "industry", "city", "company_name"],
  ...["owner_id", "stage_id", "company_id", "contact_id", "value_minor", "expected_close_date", "reason", "type"],
  ...["subject", "body", "due_at", "record_type", "record_id", "deal_title", "message", "after_id", "before_id"],
];

/** [label, content type, body] */
function bodies(): [string, string, string][] {
  const all = (v: unknown) => JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, v])));
  const json = "application/json";
  return [
    ["malformed JSON", json, '{"name": "x",'],
    ["not an object", json, "[1, 2, 3]"],
    ["a string", json, '"hello"'],
    ["null", json, "null"],
    ["nulls", json, all(null)],
    ["numbers", json, all(1e308)],
    ["huge numbers", json, all(Number.MAX_SAFE_INTEGER * 1000)],
    ["negative", json, all(-1)],
    ["booleans", json, all(true)],
    ["arrays", json, all([1, { a: null }])],
    ["objects", json, all({ $gt: "" })],
    ["unicode", json, all(UNICODE)],
    ["NUL", json, all("a\u0000b")],
    ["long strings", json, all("x".repeat(100_000))],
    ["unknown fields", json, JSON.stringify({ zzz: 1, __proto__: { admin: true }, constructor: 1 })],
    ["deep nesting", json, "[".repeat(5000) + "]".repeat(5000)],
    ["a form", "application/x-www-form-urlencoded", "name=x&title=y"],
    ["text", "text/plain", "hello"],
    ["oversized", json, JSON.stringify({ name: HUGE.slice(0, MAX_BODY_BYTES + 10) })],
  ];
}

Deno.test("API garbage: every operation answers bad input with a 4xx problem, never a 5xx", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    // A key per operation: the sweep's few dozen requests each stay under a key's rate limit.
    let token = await apiKey(fx.org.id, fx.user.id);
    const api = apiClient(app, token);
    const company = (await api.post("/companies", { name: "Junk Co" })).body;
    const failures: string[] = [];
    const check = async (label: string, res: Response) => {
      const text = await res.text();
      if (res.status === 429) failures.push(`${label}: rate limited, so not tested`);
      if (res.status >= 500 || res.status < 400) failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
      else if (res.headers.get("content-type") !== "application/problem+json") failures.push(`${label}: not a problem`);
      if (echoesLongValue(text)) failures.push(`${label}: echoed the huge value`);
    };
    const send = (method: string, path: string, init: { type?: string; body?: string } = {}) =>
      app.fetch(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(init.type ? { "content-type": init.type } : {}) },
        body: init.body,
      });
    for (const op of OPERATIONS) {
      token = await apiKey(fx.org.id, fx.user.id);
      const path = op.path.replace("{id}", company.id);
      if (op.body) {
        for (const [label, type, body] of bodies()) {
          await check(`${op.method} ${op.path} (${label})`, await send(op.method, path, { type, body }));
        }
      }
      if (op.path.includes("{id}")) {
        for (const g of PATH_GARBAGE) {
          await check(
            `${op.method} ${op.path} id=${g.slice(0, 40)}`,
            await send(op.method, op.path.replace("{id}", g)),
          );
        }
      }
      if (op.method === "GET") {
        for (const q of QUERY_GARBAGE) {
          await check(`GET ${op.path}?${q.slice(0, 60)}`, await send("GET", `${path}?${q}`));
        }
      }
    }
    for (const method of ["PUT", "OPTIONS", "PATCH"]) {
      const res = await send(method, "/me");
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get("allow"), "GET, HEAD");
      await check(`${method} /me`, res);
    }
    await check("unknown route", await send("GET", "/nothing/here"));
    await check("unknown route POST", await send("POST", "/companies/x/y/z", { type: "application/json", body: "{}" }));
    assert.deepEqual(failures, []);
    token = await apiKey(fx.org.id, fx.user.id);
    const fresh = apiClient(app, token);

    const oversized = await send("POST", "/companies", {
      type: "application/json",
      body: JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }),
    });
    assert.equal(oversized.status, 413);
    await oversized.body?.cancel();
    const wrongType = await fresh.call("POST", "/companies", "name=x", { "content-type": "text/plain" });
    assert.equal(wrongType.status, 415);
    const unknown = await fresh.post("/companies", { name: "Ok", colour: "red" });
    assert.deepEqual(unknown.body.errors, [{ pointer: "/colour", detail: "Unknown field" }]);
    const huge = await fresh.post("/deals", { title: "Big", value_minor: 1e30 });
    assert.equal(huge.status, 422);
    assert.equal(huge.body.errors[0].pointer, "/value_minor");
    const nul = await fresh.post("/companies", { name: "Nul\u0000Co" });
    assert.equal(nul.status, 201);
    assert.equal(nul.body.name, "NulCo", "NUL, which Postgres text cannot hold, is dropped");
  } finally {
    await app.close();
  }
});
