/**
 * Response compression (Deno.serve sends bodies as they are): brotli at a low quality or gzip,
 * whichever the client accepts, for compressible types. Small bodies go out as they are. A body
 * that is already whole (a rendered page: one chunk) is compressed in one call, which is several
 * times faster than a zlib stream here; a streamed body stays streamed (compressed chunk by chunk,
 * never read whole).
 */
import { Buffer } from "node:buffer";
import { brotliCompressSync, constants, createBrotliCompress, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip";

/** Below this many bytes compression saves less than it costs. */
export const MIN_BYTES = 1024;
/** Brotli per request: quality 4 costs about what gzip does for a smaller body (11 is for build time). */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|xml|manifest\+json|[\w.+-]+\+(json|xml))|image\/svg\+xml)/i;

export function isCompressible(contentType: string | null): boolean {
  return contentType !== null && COMPRESSIBLE.test(contentType);
}

/** The encoding to send for an `Accept-Encoding` header: brotli first, then gzip, else none. */
export function negotiate(acceptEncoding: string | null): Encoding | null {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = weight ? Number(weight.slice(2)) : 1;
    q.set(name, Number.isNaN(value) ? 0 : value);
  }
  const accepts = (e: Encoding) => (q.get(e) ?? q.get("*") ?? 0) > 0;
  return accepts("br") ? "br" : accepts("gzip") ? "gzip" : null;
}

/** Adds `token` to the `Vary` header once. */
export function addVary(headers: Headers, token: string) {
  const vary = headers.get("vary");
  if (!vary) headers.set("vary", token);
  else if (!vary.split(",").some((v) => v.trim().toLowerCase() === token.toLowerCase() || v.trim() === "*")) {
    headers.set("vary", `${vary}, ${token}`);
  }
}

function brotliStream(): TransformStream<Uint8Array, Uint8Array> {
  const zlib = createBrotliCompress({ ...BROTLI, chunkSize: 64 * 1024 });
  return new TransformStream({
    start(controller) {
      zlib.on("data", (chunk: Uint8Array) => controller.enqueue(new Uint8Array(chunk)));
    },
    transform(chunk) {
      return new Promise<void>((resolve, reject) => zlib.write(chunk, (err) => err ? reject(err) : resolve()));
    },
    flush() {
      return new Promise<void>((resolve, reject) => {
        zlib.once("end", resolve).once("error", reject);
        zlib.end();
      });
    },
  });
}

export function compressor(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
  return encoding === "br" ? brotliStream() : new CompressionStream("gzip") as TransformStream<Uint8Array, Uint8Array>;
}

function compressWhole(encoding: Encoding, chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = Buffer.concat(chunks);
  return new Uint8Array(encoding === "br" ? brotliCompressSync(body, BROTLI) : gzipSync(body));
}

/**
 * Reads the start of a body: at least MIN_BYTES and a second chunk, or all of it if it ends first
 * (a string body is one chunk, then the end; a stream's chunks come as its producer writes them).
 */
async function head(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MIN_BYTES || chunks.length < 2) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, ended: true };
    chunks.push(value);
    size += value.byteLength;
  }
  return { chunks, size, ended: false };
}

/** The body again: the chunks already read, then the rest of the reader. */
function rejoin(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The response compressed for the request, when its type is compressible and its client accepts it. */
export async function compressResponse(req: Request, res: Response): Promise<Response> {
  if (!isCompressible(res.headers.get("content-type")) || res.headers.has("content-encoding")) return res;
  addVary(res.headers, "Accept-Encoding");
  const encoding = negotiate(req.headers.get("accept-encoding"));
  if (!encoding || !res.body || req.method === "HEAD" || res.status === 204 || res.status === 304) return res;
  const length = Number(res.headers.get("content-length") ?? NaN);
  if (length < MIN_BYTES) return res;

  const reader = res.body.getReader();
  const { chunks, size, ended } = await head(reader);
  if (ended && size < MIN_BYTES) return new Response(new Blob(chunks as BlobPart[]), res);

  const headers = new Headers(res.headers);
  headers.set("content-encoding", encoding);
  headers.delete("content-length");
  const etag = headers.get("etag");
  if (etag) headers.set("etag", etag.replace(/"$/, `-${encoding}"`));
  const body = ended ? compressWhole(encoding, chunks) : rejoin(chunks, reader).pipeThrough(compressor(encoding));
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
