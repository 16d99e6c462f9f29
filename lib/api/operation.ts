/**
 * An API operation: its method and path, the zod schemas of its path parameters, query string, body and
 * response (the same schemas validate the request, shape the response and make the OpenAPI document), the
 * errors it documents, an example, and what it runs.
 */
import type * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import type { ApiCaller } from "./auth.ts";
import type { ProblemType } from "./problem.ts";

export type ApiMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface OpInput<P, Q, B> {
  caller: ApiCaller;
  params: P;
  query: Q;
  body: B;
  /** The version named by If-Match (`"3"`), or null without one. */
  ifMatch: number | null;
  url: URL;
  /**
   * Runs `fn` in the org, as the key's member: a read shares the transaction that checked the key (one per
   * request, as a page's); after a write's own lib call, a new one.
   */
  scoped<R>(fn: (q: OrgScope) => Promise<R>): Promise<R>;
}

/** What an operation answers: a body to shape with its response schema, or nothing (204). */
export interface OpOutput {
  status?: number;
  body?: unknown;
  /** The representation's version: its ETag. */
  version?: number;
  headers?: HeadersInit;
}

// deno-lint-ignore no-explicit-any
type AnyObject = z.ZodObject<any>;

export interface Operation<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  method: ApiMethod;
  /** OpenAPI path under /api/v1, e.g. `/contacts/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The response body's schema (registered for the document); none for 204. */
  response?: z.ZodType;
  status?: 200 | 201 | 204;
  /** Problem types beyond those every operation may answer (401, 429, 402 past the allowance). */
  errors: ProblemType[];
  example: { request?: unknown; response?: unknown };
  /** Takes If-Match and answers its representation with an ETag. */
  versioned?: boolean;
  run(input: OpInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<OpOutput>;
}

/** Types an operation's `run` from its schemas. */
export function operation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  op: Operation<P, Q, B>,
): Operation {
  return op as unknown as Operation;
}

/** Whether the method changes data: it needs a write key and a workspace that is not read-only. */
export const writes = (method: ApiMethod) => method !== "GET";
