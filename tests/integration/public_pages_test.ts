/**
 * Public pages link to pricing and, rendered once per variant and served from memory, show "Log in /
 * Start free trial" to visitors and "Open app" to signed-in users, whichever variant was cached first.
 */
import assert from "node:assert/strict";
import { SESSION_COOKIE } from "@/lib/auth/session.ts";
import { testApp } from "../helpers/app.ts";
import { signedInUser } from "../helpers/accounts.ts";

Deno.test("landing and pricing: a pricing link; 'Open app' once signed in, both variants cached apart", async () => {
  const app = await testApp();
  try {
    const { client } = await signedInUser(app);
    const signedOut = (res: Response, html: string) => {
      assert.equal(res.status, 200);
      assert.match(html, /href="\/login"/);
      assert.match(html, /Start free trial/);
      assert.doesNotMatch(html, /Open app/);
    };
    for (const path of ["/", "/pricing"]) {
      // Signed in first, so a cached signed-in page would leak into the next signed-out request.
      const member = await client.fetch(path);
      const memberHtml = await member.text();
      assert.equal(member.status, 200);
      assert.match(memberHtml, /<a href="\/app"[^>]*>\s*Open app/);
      assert.doesNotMatch(memberHtml, /href="\/login"|Start free trial/);
      assert.match(member.headers.get("cache-control") ?? "", /private/);
      assert.match(memberHtml, /href="\/pricing"/);

      for (
        const [url, init] of [
          [path, {}],
          [`${path}?signed-in`, {}],
          [path, { headers: { cookie: `${SESSION_COOKIE}=not-a-session` } }],
        ] as const
      ) {
        const res = await app.fetch(url, init);
        signedOut(res, await res.text());
      }
      assert.match(await (await client.fetch(path)).text(), /Open app/);
    }
  } finally {
    await app.close();
  }
});
