/** Load on one URL with autocannon at fixed concurrency for a bounded time; latencies in ms. */
import autocannon from "autocannon";
import { percentiles } from "./stats.ts";

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses other than 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
}

/** The parts of autocannon's result used here (the package ships no types). */
interface Result {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface Instance extends Promise<Result> {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

/** What each request sends; `authorizations` are taken in turn (API keys, each under its own rate limit). */
export interface LoadRequest {
  method?: string;
  headers: Record<string, string>;
  body?: string;
  authorizations?: string[];
  /** The path of the `i`th request, when each request asks for another one. */
  pathFor?: (i: number) => string;
}

async function run(url: string, connections: number, seconds: number, request: LoadRequest) {
  const times: number[] = [];
  const { method = "GET", headers, body, authorizations = [], pathFor } = request;
  let turn = 0;
  let sent = 0;
  const setupRequest = (req: { headers: Record<string, string>; path: string }) => ({
    ...req,
    ...(pathFor ? { path: pathFor(sent++) } : {}),
    ...(authorizations.length
      ? { headers: { ...req.headers, authorization: authorizations[turn++ % authorizations.length] } }
      : {}),
  });
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 20,
    requests: [{ method, headers, body, setupRequest }],
  }) as Instance;
  // Every response's time in ms (autocannon's own histogram keeps whole milliseconds only).
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  return { result: await instance, times };
}

export async function load(
  url: string,
  opts: { connections: number; seconds: number; warmupSeconds: number; request: LoadRequest },
): Promise<LoadResult> {
  if (opts.warmupSeconds > 0) await run(url, opts.connections, opts.warmupSeconds, opts.request);
  const { result, times } = await run(url, opts.connections, opts.seconds, opts.request);
  return {
    requests: result.requests.total,
    rps: result.requests.total / Math.max(result.duration, 1e-3),
    ...percentiles(times),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
