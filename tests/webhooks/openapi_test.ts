import assert from "node:assert/strict";
import { openApiDocument } from "@/lib/api/openapi.ts";
import { EVENT_TYPES } from "@/lib/webhooks/events.ts";

Deno.test("the OpenAPI document lists every webhook event, its data the API's own schema", () => {
  const doc = openApiDocument() as { webhooks: Record<string, { post: { requestBody: unknown } }> };
  assert.deepEqual(Object.keys(doc.webhooks).sort(), [...EVENT_TYPES].sort());
  const won = JSON.stringify(doc.webhooks["deal.won"].post.requestBody);
  assert.match(won, /"data":\{"\$ref":"#\/components\/schemas\/Deal"\}/);
  assert.match(JSON.stringify(doc.webhooks["contact.updated"]), /schemas\/Contact/);
});
