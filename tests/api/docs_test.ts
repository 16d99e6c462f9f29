/**
 * /docs/api: the getting-started guide (every problem type's anchor, which the problems' `type` links to, and
 * the plans' limits), the reference element fed by /api/v1/openapi.json, RapiDoc's script on this page only,
 * and the page's own CSP (RapiDoc's run-time styles allowed here; scripts still bound to the nonce).
 */
import assert from "node:assert/strict";
import { PROBLEMS, problemUri } from "@/lib/api/problem.ts";
import { PLANS } from "@/lib/billing/plans.ts";
import { testApp } from "../helpers/app.ts";

Deno.test("docs: /docs/api holds the guide, every problem type, the limits and the reference", async () => {
  const app = await testApp();
  try {
    const res = await app.fetch("/docs/api");
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const id of ["keys", "first-request", "pagination", "writing", "errors", "limits", "webhooks", "reference"]) {
      assert.match(html, new RegExp(`id="${id}"`), id);
    }
    for (const type of Object.keys(PROBLEMS) as (keyof typeof PROBLEMS)[]) {
      assert.ok(html.includes(`id="${problemUri(type).split("#")[1]}"`), `anchor for ${type}`);
    }
    assert.ok(html.includes(PLANS.business.limits.apiRequestsPerMinute.toLocaleString("en-US")));
    assert.ok(html.includes("curl http://localhost:8000/api/v1/me -H &quot;Authorization: Bearer $NEXA_KEY&quot;"));
    assert.match(html, /<rapi-doc[^>]*spec-url="\/api\/v1\/openapi.json"/);
    const nonce = html.match(/<script type="module" src="\/docs\/rapidoc.js" nonce="([^"]+)"/)?.[1];
    assert.ok(nonce, "RapiDoc's script, with the response's nonce");
    const csp = res.headers.get("content-security-policy")!;
    assert.ok(csp.includes(`script-src 'nonce-${nonce}' 'strict-dynamic'`), csp);
    assert.ok(csp.includes("style-src-elem 'self' 'unsafe-inline'"), csp);
    assert.ok(!/script-src[^;]*unsafe/.test(csp), "no unsafe script source");

    for (const other of ["/", "/pricing", "/login"]) {
      const page = await (await app.fetch(other)).text();
      assert.ok(!page.includes("rapidoc"), `${other} does not load RapiDoc`);
    }
    const landing = await app.fetch("/");
    assert.ok(!landing.headers.get("content-security-policy")!.includes("unsafe-inline"));
    await landing.body?.cancel();

    const script = await app.fetch("/docs/rapidoc.js", { headers: { "accept-encoding": "gzip, br" } });
    assert.equal(script.status, 200);
    assert.equal(script.headers.get("content-encoding"), "gzip");
    assert.match(script.headers.get("content-type")!, /javascript/);
    const bytes = (await script.arrayBuffer()).byteLength;
    assert.ok(bytes > 100_000 && bytes < 400_000, `${bytes} bytes gzipped`);
    const plain = await app.fetch("/docs/rapidoc.js");
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.match((await plain.text()).slice(0, 2000), /\S/);
  } finally {
    await app.close();
  }
});
