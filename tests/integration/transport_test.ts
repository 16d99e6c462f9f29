/**
 * What goes over the wire: compressed bodies when the client accepts them (pre-compressed island
 * files, compressed pages and streamed exports) and no caching of anything a session can see.
 */
import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { ROOT } from "@/lib/app.ts";
import { readIslandAssets } from "@/lib/fresh/assets.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { dealWorld } from "../helpers/deals.ts";

const decode = async (res: Response) => {
  const body = new Uint8Array(await res.arrayBuffer());
  const encoding = res.headers.get("content-encoding");
  return {
    body,
    text: new TextDecoder().decode(
      encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body,
    ),
  };
};

Deno.test("transport: pages, exports and island files are compressed for clients that accept it", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    await w.addDeals(w.pipeline.stages[0].id, Array.from({ length: 30 }, (_, i) => `Wire deal ${i}`));
    const board = `/app/${w.org.slug}/deals`;

    const identity = await w.client.fetch(board);
    assert.equal(identity.headers.get("content-encoding"), null);
    assert.match(identity.headers.get("vary") ?? "", /Accept-Encoding/);
    const raw = await decode(identity);
    for (const encoding of ["br", "gzip"]) {
      const res = await w.client.fetch(board, { headers: { "accept-encoding": `${encoding}, identity` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-encoding"), encoding);
      assert.match(res.headers.get("vary") ?? "", /Accept-Encoding/);
      const { body, text } = await decode(res);
      assert.match(text, /Wire deal 29/);
      assert.ok(body.byteLength < raw.body.byteLength / 3, `${encoding}: ${body.byteLength} of ${raw.body.byteLength}`);
    }

    const csv = await w.client.fetch(`/app/${w.org.slug}/deals/export?status=all`, {
      headers: { "accept-encoding": "gzip" },
    });
    assert.equal(csv.headers.get("content-encoding"), "gzip");
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    const rows = (await decode(csv)).text.trimEnd().split("\n");
    assert.equal(rows.length, 1 + 30);

    const assets = (await readIslandAssets(ROOT))!;
    const island = `${assets.base}${assets.islands.DealBoard.file}`;
    const plain = await app.fetch(island);
    const script = new Uint8Array(await plain.arrayBuffer());
    for (const encoding of ["br", "gzip"]) {
      const res = await app.fetch(island, { headers: { "accept-encoding": encoding } });
      assert.equal(res.headers.get("content-encoding"), encoding, "the variant written at build time");
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.notEqual(res.headers.get("etag"), plain.headers.get("etag"));
      const { body, text } = await decode(res);
      assert.equal(text, new TextDecoder().decode(script));
      assert.ok(body.byteLength < script.byteLength / 2);
    }
  } finally {
    await app.close();
  }
});

Deno.test("transport: what a session sees is never cached, and logout clears the browser's cache", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    for (const path of [`/app/${w.org.slug}/deals`, `/app/${w.org.slug}/settings/billing`, "/account", "/app"]) {
      const res = await w.client.fetch(path);
      await res.body?.cancel();
      assert.equal(res.headers.get("cache-control"), "private, no-store", path);
    }
    const column = await w.client.fetch(`/app/${w.org.slug}/deals/column?stage=${w.pipeline.stages[0].id}`, {
      headers: { accept: "application/json" },
    });
    await column.body?.cancel();
    assert.equal(column.headers.get("cache-control"), "private, no-store");

    const landing = await app.client().fetch("/pricing");
    await landing.body?.cancel();
    assert.equal(landing.status, 200);
    assert.equal(landing.headers.get("cache-control"), null, "a public page asked for without a session");

    const out = await w.client.fetch("/logout", form({}));
    assert.equal(out.status, 303);
    assert.equal(out.headers.get("clear-site-data"), '"cache"');
    assert.equal(out.headers.get("cache-control"), "private, no-store");
  } finally {
    await app.close();
  }
});
