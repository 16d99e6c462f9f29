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

/** `pathFor`: the path of the `i`th request, when each request asks for another one. */
async function run(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  pathFor?: (i: number) => string,
) {
  const times: number[] = [];
  let sent = 0;
  const requests = pathFor
    ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: pathFor(sent++) }) }]
    : undefined;
  const instance = autocannon({ url, connections, duration: seconds, headers, timeout: 20, requests }) as Instance;
  // Every response's time in ms (autocannon's own histogram keeps whole milliseconds only).
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  return { result: await instance, times };
}

export async function load(
  url: string,
  opts: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    headers: Record<string, string>;
    pathFor?: (i: number) => string;
  },
): Promise<LoadResult> {
  if (opts.warmupSeconds > 0) await run(url, opts.connections, opts.warmupSeconds, opts.headers, opts.pathFor);
  const { result, times } = await run(url, opts.connections, opts.seconds, opts.headers, opts.pathFor);
  return {
    requests: result.requests.total,
    rps: result.requests.total / Math.max(result.duration, 1e-3),
    ...percentiles(times),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
