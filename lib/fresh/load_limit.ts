/**
 * Sheds load: a process works on at most `maxInFlight` requests at once; the next ones wait up to `maxWaitMs` for a
 * slot (at most `maxQueued` of them), then get a fast 503 with Retry-After instead of queueing for seconds behind the
 * database pool. Health checks and static files are never held back.
 */
import type { RequestHandler } from "./server.ts";

export interface LoadLimit {
  maxInFlight: number;
  maxWaitMs: number;
  maxQueued: number;
}

const busy = () =>
  new Response("The server is busy. Please try again in a moment.\n", {
    status: 503,
    headers: { "retry-after": "1", "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/** Requests that must pass however busy the process is: its health, and files (which never touch the database). */
function exempt(req: Request): boolean {
  const { pathname } = new URL(req.url);
  if (pathname === "/healthz") return true;
  return (req.method === "GET" || req.method === "HEAD") && /\/[^/]+\.[a-z0-9]+$/i.test(pathname);
}

export function limitLoad(handler: RequestHandler, limit: LoadLimit): RequestHandler {
  let inFlight = 0;
  const waiting: ((slot: boolean) => void)[] = [];

  /** A finished request hands its slot to the oldest waiter, or frees it. */
  const release = () => {
    const next = waiting.shift();
    if (next) next(true);
    else inFlight--;
  };

  const slot = (): Promise<boolean> => {
    if (inFlight < limit.maxInFlight) {
      inFlight++;
      return Promise.resolve(true);
    }
    if (waiting.length >= limit.maxQueued) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(grant), 1);
        resolve(false);
      }, limit.maxWaitMs);
      const grant = (got: boolean) => {
        clearTimeout(timer);
        resolve(got);
      };
      waiting.push(grant);
    });
  };

  return async (req, info) => {
    if (exempt(req)) return await handler(req, info);
    if (!await slot()) return busy();
    try {
      return await handler(req, info);
    } finally {
      release();
    }
  };
}
