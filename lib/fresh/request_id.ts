/**
 * Every request gets an id (the caller's `X-Request-Id` when it is a plain token, else a new one), returned in the
 * response's `X-Request-Id` and carried through the request's async work, so an error logged anywhere names it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "./server.ts";

const current = new AsyncLocalStorage<string>();
const TOKEN = /^[\w.:-]{1,64}$/;

/** The id of the request whose work is running now, or "-" outside any request. */
export const requestId = (): string => current.getStore() ?? "-";

export function withRequestIds(handler: RequestHandler): RequestHandler {
  return (req, info) => {
    const given = req.headers.get("x-request-id");
    const id = given && TOKEN.test(given) ? given : crypto.randomUUID();
    return current.run(id, async () => {
      let res = await handler(req, info);
      try {
        res.headers.set("x-request-id", id);
      } catch {
        res = new Response(res.body, res);
        res.headers.set("x-request-id", id);
      }
      return res;
    });
  };
}

/**
 * The last resort: an error nobody caught or a promise nobody awaited is logged with the request it came from, and the
 * process goes on serving the others instead of exiting.
 */
export function logUnhandledErrors() {
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    console.error(`[request ${requestId()}] unhandled rejection:`, event.reason);
  });
  globalThis.addEventListener("error", (event) => {
    event.preventDefault();
    console.error(`[request ${requestId()}] uncaught error:`, event.error ?? event.message);
  });
}
