/**
 * The OpenAPI 3.1 document: valid by a real OpenAPI validator (@seriousme/openapi-schema-validator, against
 * the specification's own JSON schema), in step with the route manifest both ways, and with an example per
 * operation that fits its own schema (checked by Ajv against the document's JSON Schema 2020-12).
 */
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import manifest from "@/fresh.gen.ts";
import type { ApiHandler } from "@/lib/api/handler.ts";
import { openApiDocument } from "@/lib/api/openapi.ts";
import { OPERATIONS } from "@/lib/api/operations.ts";
import { testApp } from "../helpers/app.ts";

// deno-lint-ignore no-explicit-any
type Doc = any;
const doc = openApiDocument() as Doc;

/** Route files of /api/v1 that are not operations: the document itself and the 404 for unknown paths. */
const NOT_OPERATIONS = ["./routes/api/v1/openapi.json.ts", "./routes/api/v1/[...rest].ts"];

/** `./routes/api/v1/deals/[id]/move.ts` → `/deals/{id}/move` */
const toPath = (file: string) =>
  file.replace("./routes/api/v1", "").replace(/\.ts$/, "").replace(/\/index$/, "").replace(/\[(\w+)\]/g, "{$1}");

Deno.test("openapi: the document is valid OpenAPI 3.1", async () => {
  const result = await new Validator().validate(doc);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(doc.openapi, "3.1.1");
  assert.equal(doc.components.securitySchemes.apiKey.scheme, "bearer");
});

Deno.test("openapi: every /api/v1 route of the manifest is documented, and every documented route exists", () => {
  const routed = new Set<string>();
  for (const [file, mod] of Object.entries(manifest.routes)) {
    if (!file.startsWith("./routes/api/v1/") || NOT_OPERATIONS.includes(file)) continue;
    const ops = (mod.handler as ApiHandler).operations;
    assert.ok(ops?.length, `${file} is made with apiHandlers`);
    for (const op of ops) {
      assert.equal(op.path, toPath(file), `${file}: its operations' path`);
      assert.ok(doc.paths[op.path]?.[op.method.toLowerCase()], `${op.method} ${op.path} is in the document`);
      routed.add(`${op.method} ${op.path}`);
    }
  }
  const documented = Object.entries(doc.paths as Record<string, object>)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  assert.deepEqual(documented.filter((d) => !routed.has(d)), [], "documented operations without a route");
  assert.equal(documented.length, OPERATIONS.length);
  assert.equal(new Set(OPERATIONS.map((o) => o.operationId)).size, OPERATIONS.length, "unique operationIds");
});

Deno.test("openapi: each operation has examples that fit its schemas, and documents its errors", () => {
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  const fits = (schema: object, value: unknown) => {
    const validate = ajv.compile({ ...schema, components: doc.components });
    return validate(value) ? null : JSON.stringify(validate.errors);
  };
  for (const op of OPERATIONS) {
    const spec = doc.paths[op.path][op.method.toLowerCase()];
    const name = `${op.method} ${op.path}`;
    if (op.body) {
      assert.ok(op.example.request, `${name}: a request example`);
      assert.ok(op.body.safeParse(op.example.request).success, `${name}: its request example passes its own schema`);
      const body = spec.requestBody.content["application/json"];
      assert.equal(fits(body.schema, body.example), null, `${name}: request example fits the document`);
    }
    const [status, ok] = Object.entries(spec.responses)[0] as [string, Doc];
    if (status === "204") continue;
    assert.ok(op.example.response, `${name}: a response example`);
    const content = ok.content["application/json"];
    assert.equal(fits(content.schema, content.example), null, `${name}: response example fits the document`);
    for (const code of ["401", "429"]) assert.ok(spec.responses[code], `${name}: documents ${code}`);
    if (op.method !== "GET") assert.ok(spec.responses["403"], `${name}: documents a read-only key's 403`);
  }
});

Deno.test("openapi: served at /api/v1/openapi.json without a key", async () => {
  const app = await testApp();
  try {
    const res = await app.fetch("/api/v1/openapi.json");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    assert.deepEqual(await res.json(), JSON.parse(JSON.stringify(doc)));
  } finally {
    await app.close();
  }
});
