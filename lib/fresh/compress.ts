/**
 * Response compression (Deno.serve sends bodies as they are): brotli at a low quality or gzip,
 * whichever the client accepts, for compressible types. Small bodies go out as they are; a streamed
 * body stays streamed (it is compressed chunk by chunk, never read whole).
 */
import { constants, createBrotliCompress } from "node:zlib";

export type Encoding = "br" | "gzip";

/** Below this many bytes compression saves less than it costs. */
export const MIN_BYTES = 1024;
/** Brotli per request: quality 4 is about gzip's cost for a smaller body (11 is for build time). */
const BROTLI_QUALITY = 4;

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
  const zlib = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
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

/**
 * Reads up to MIN_BYTES of a body: the chunks read, and whether the body ended within them.
 * A string body arrives in one chunk, a stream as its producer writes it.
 */
async function head(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MIN_BYTES) {
    const { done, value } = await reader.read();
    if (done) return { chunks, ended: true };
    chunks.push(value);
    size += value.byteLength;
  }
  return { chunks, ended: false };
}

/** The body again: the chunks already read, then the rest of the reader. */
function rejoin(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array> | null) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      if (!reader) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader!.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader?.cancel(reason),
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
  const { chunks, ended } = await head(reader);
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (ended && size < MIN_BYTES) return new Response(rejoin(chunks, null), res);

  const headers = new Headers(res.headers);
  headers.set("content-encoding", encoding);
  headers.delete("content-length");
  const etag = headers.get("etag");
  if (etag) headers.set("etag", etag.replace(/"$/, `-${encoding}"`));
  const body = rejoin(chunks, ended ? null : reader).pipeThrough(compressor(encoding));
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
