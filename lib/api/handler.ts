/**
 * The one wrapper every /api/v1 route goes through: body read and limited, key checked (with its rate
 * limit and the month's allowance), scope and read-only mode enforced, input parsed by the operation's
 * schemas, Idempotency-Key honoured, the response shaped by its schema with an ETag, RateLimit-* headers on
 * every answer, and every error as application/problem+json.
 */
import * as z from "zod";
import { readOnlyReason } from "../billing/limits.ts";
import type { FreshContext, Handler, RouteConfig } from "../fresh/types.ts";
import { authenticate, rateHeaders, type RateState } from "./auth.ts";
import { claim, idempotencyKey, requestHash, settle } from "./idempotency.ts";
import { etag, ifMatchVersion, parseBody, parseParams, parseQuery, readBody } from "./input.ts";
import { type Operation, type OpInput, type OpOutput, writes } from "./operation.ts";
import { inOrg } from "../records/records.ts";
import { ApiProblem, problemResponse } from "./problem.ts";

/** API routes authenticate by key alone: the same-origin check for cookies does not apply. */
export const API_CONFIG: RouteConfig = { csrf: false };

const NONE = z.strictObject({});

export type ApiHandler = Handler & { operations: Operation[] };

function respond(op: Operation, out: OpOutput): Response {
  const headers = new Headers(out.headers);
  const status = out.status ?? op.status ?? 200;
  if (status === 204 || !op.response) return new Response(null, { status: 204, headers });
  headers.set("content-type", "application/json");
  if (out.version !== undefined) headers.set("etag", etag(out.version));
  return new Response(JSON.stringify(op.response.parse(out.body)), { status, headers });
}

/**
 * Checks the key and the input, then runs the operation: a read inside the key's transaction (one transaction
 * per request), a write after it (its lib function opens its own, and the Idempotency-Key is claimed first).
 */
async function answer(op: Operation, req: Request, ctx: FreshContext, onRate: (r: RateState) => void) {
  const body = writes(op.method) ? await readBody(req) : "";
  const run = async (input: OpInput<unknown, unknown, unknown>) => {
    try {
      return respond(op, await op.run(input as Parameters<Operation["run"]>[0]));
    } catch (err) {
      return problemResponse(err, ctx.url.pathname);
    }
  };
  const { result } = await authenticate(req, ctx.remoteAddr, onRate, async (caller, q) => {
    if (writes(op.method)) {
      if (caller.key.scope !== "write") {
        throw new ApiProblem("insufficient-scope", "This key is read-only: an admin can make a read and write key.");
      }
      const reason = readOnlyReason(caller.billing);
      if (reason) throw new ApiProblem("read-only", reason);
    }
    const input: OpInput<unknown, unknown, unknown> = {
      caller,
      params: parseParams(ctx.params, op.params ?? NONE),
      query: parseQuery(ctx.url, op.query ?? NONE),
      body: parseBody(body, op.body ?? NONE),
      ifMatch: op.versioned ? ifMatchVersion(req) : null,
      url: ctx.url,
      scoped: writes(op.method) ? (fn) => inOrg(caller.auth, fn) : (fn) => fn(q),
    };
    return writes(op.method) ? input : await run(input);
  });
  if (result instanceof Response) return result;
  const key = op.method === "POST" || op.method === "PATCH" ? idempotencyKey(req) : null;
  if (!key) return await run(result);
  const hash = await requestHash(op.method, ctx.url.pathname + ctx.url.search, body);
  const claimed = await claim(result.caller.auth.org.id, result.caller.key.id, key, hash);
  return "replay" in claimed ? claimed.replay : await settle(claimed.claimed, await run(result));
}

/** The handler of one /api/v1 route file, answering its operations (HEAD as GET; others 405). */
export function apiHandlers(...operations: Operation[]): ApiHandler {
  const byMethod = new Map(operations.map((op) => [op.method as string, op]));
  const allow = [...byMethod.keys(), ...(byMethod.has("GET") ? ["HEAD"] : [])].join(", ");
  const handler = async (req: Request, ctx: FreshContext) => {
    const op = byMethod.get(req.method === "HEAD" ? "GET" : req.method);
    if (!op) {
      const problem = new ApiProblem("method-not-allowed", `${req.method} is not allowed here: use ${allow}.`, {
        headers: { allow },
      });
      return problemResponse(problem, ctx.url.pathname);
    }
    let rate: RateState | null = null;
    let res: Response;
    try {
      res = await answer(op, req, ctx, (r) => rate = r);
    } catch (err) {
      res = problemResponse(err, ctx.url.pathname);
    }
    if (rate) rateHeaders(rate, res.headers);
    return res;
  };
  return Object.assign(handler, { operations });
}
