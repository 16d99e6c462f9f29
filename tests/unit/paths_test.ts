import assert from "node:assert/strict";
import { orgPath, withQuery } from "@/lib/http/paths.ts";

Deno.test("orgPath: the org's home, its pages by segment, a last object as the query", () => {
  assert.equal(orgPath("acme"), "/app/acme");
  assert.equal(
    orgPath("acme", "deals", "0192f0c4-7d1e-7000-8000-000000000001", "move"),
    "/app/acme/deals/0192f0c4-7d1e-7000-8000-000000000001/move",
  );
  assert.equal(
    orgPath("acme", "deals", "list", { pipeline: "p1", status: "won" }),
    "/app/acme/deals/list?pipeline=p1&status=won",
  );
  assert.equal(orgPath("acme", "settings", { notice: "saved" }), "/app/acme/settings?notice=saved");
});

Deno.test("withQuery: values encoded, empty ones left out, no bare `?`", () => {
  assert.equal(
    withQuery("/app/acme/contacts/new", { company: "Smith & Sons / Ltd" }),
    "/app/acme/contacts/new?company=Smith+%26+Sons+%2F+Ltd",
  );
  assert.equal(withQuery("/app/acme/deals", { pipeline: undefined, owner: null, q: "" }), "/app/acme/deals");
  assert.equal(
    withQuery("https://crm.example/app/acme/settings/billing", { checkout: "success" }),
    "https://crm.example/app/acme/settings/billing?checkout=success",
  );
  assert.equal(new URL(withQuery("/x", { q: "a+b c" }), "http://h").searchParams.get("q"), "a+b c");
});
