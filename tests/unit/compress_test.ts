import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { compressResponse, MIN_BYTES, negotiate } from "@/lib/fresh/compress.ts";

const html = `<!doctype html><ul>${Array.from({ length: 400 }, (_, i) => `<li>Deal ${i}</li>`).join("")}</ul>`;
const get = (acceptEncoding?: string) =>
  new Request("http://x/", { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });
const page = (body: BodyInit = html, type = "text/html; charset=utf-8") =>
  new Response(body, { headers: { "content-type": type } });
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const decode = (encoding: string | null, body: Uint8Array) =>
  new TextDecoder().decode(
    encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body,
  );

Deno.test("negotiate: brotli before gzip, q=0 refuses, * accepts, nothing means identity", () => {
  assert.equal(negotiate("gzip, deflate, br, zstd"), "br");
  assert.equal(negotiate("gzip"), "gzip");
  assert.equal(negotiate("br;q=0, gzip;q=0.5"), "gzip");
  assert.equal(negotiate("*"), "br");
  assert.equal(negotiate("*;q=0"), null);
  assert.equal(negotiate("identity"), null);
  assert.equal(negotiate(null), null);
});

Deno.test("compression: br and gzip bodies round-trip, with Vary; identity when not accepted", async () => {
  for (const encoding of ["br", "gzip"]) {
    const res = await compressResponse(get(encoding === "br" ? "gzip, br" : "gzip"), page());
    assert.equal(res.headers.get("content-encoding"), encoding);
    assert.equal(res.headers.get("vary"), "Accept-Encoding");
    const body = await bytes(res);
    assert.ok(body.byteLength < html.length / 4, `${encoding}: ${body.byteLength} bytes for ${html.length}`);
    assert.equal(decode(encoding, body), html);
  }
  const plain = await compressResponse(get(), page());
  assert.equal(plain.headers.get("content-encoding"), null);
  assert.equal(plain.headers.get("vary"), "Accept-Encoding", "a cache must not hand this to a br client");
  assert.equal(await plain.text(), html);
});

Deno.test("compression: small, already encoded and binary bodies go out as they are", async () => {
  const small = "x".repeat(MIN_BYTES - 1);
  const tiny = await compressResponse(get("br"), page(small));
  assert.equal(tiny.headers.get("content-encoding"), null);
  assert.equal(await tiny.text(), small);

  const encoded = new Response("already", { headers: { "content-type": "text/html", "content-encoding": "gzip" } });
  assert.equal(await compressResponse(get("br"), encoded), encoded);

  const png = page(new Uint8Array(4096), "image/png");
  const out = await compressResponse(get("br"), png);
  assert.equal(out.headers.get("content-encoding"), null);
  assert.equal(out.headers.get("vary"), null);
  assert.equal((await bytes(out)).byteLength, 4096);

  const head = await compressResponse(
    new Request("http://x/", { method: "HEAD", headers: { "accept-encoding": "br" } }),
    page(),
  );
  assert.equal(head.headers.get("content-encoding"), null);
});

/** A CSV export whose second half is produced only once `release` is called. */
function slowExport() {
  const line = (i: number) => new TextEncoder().encode(`${i},"Row ${i}",${"x".repeat(60)}\n`);
  let release!: () => void;
  const later = new Promise<void>((r) => (release = r));
  const state = { finished: false };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let i = 0; i < 50; i++) controller.enqueue(line(i));
      await later;
      for (let i = 50; i < 100; i++) controller.enqueue(line(i));
      state.finished = true;
      controller.close();
    },
  });
  return { stream, release, state };
}

Deno.test("compression: a streamed body stays streamed (the response leaves before the stream ends)", async () => {
  for (const encoding of ["br", "gzip"]) {
    const { stream, release, state } = slowExport();
    const res = await compressResponse(get(encoding), page(stream, "text/csv; charset=utf-8"));
    assert.equal(state.finished, false, `${encoding}: the response was built before the body ended`);
    assert.equal(res.headers.get("content-encoding"), encoding);
    release();
    const csv = decode(encoding, await bytes(res)).trimEnd().split("\n");
    assert.equal(csv.length, 100);
    assert.equal(csv[99].split(",")[0], "99");
    assert.ok(state.finished);
  }
});
