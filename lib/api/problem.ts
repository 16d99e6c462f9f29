/**
 * The API's errors as `application/problem+json` (RFC 9457): a stable `type` (a link to its entry on
 * /docs/api), a `title` per type, a human `detail`, and per-field `errors` for invalid input. Errors the
 * shared lib code throws (HttpError, ValidationError, PlanLimitError) map onto these types.
 */
import { PlanLimitError } from "../billing/limits.ts";
import { HttpError } from "../fresh/errors.ts";
import { ValidationError } from "../http/forms.ts";

/** Each problem type: its HTTP status and title. The docs page lists them from here. */
export const PROBLEMS = {
  "unauthorized": [401, "Missing, unknown, expired or revoked API key"],
  "insufficient-scope": [403, "This key may read but not write"],
  "forbidden": [403, "Not allowed"],
  "not-found": [404, "No such resource"],
  "method-not-allowed": [405, "Method not allowed"],
  "malformed-json": [400, "The body is not valid JSON"],
  "invalid-parameter": [400, "A query parameter is invalid"],
  "invalid-cursor": [400, "The cursor is not one this list gave"],
  "unsupported-media-type": [415, "Send JSON with Content-Type: application/json"],
  "payload-too-large": [413, "The body is too large"],
  "validation-failed": [422, "The body is invalid"],
  "conflict": [409, "The resource's state does not allow this"],
  "precondition-failed": [412, "The resource changed since the version in If-Match"],
  "idempotency-key-reused": [422, "This Idempotency-Key was used with another request"],
  "idempotency-in-progress": [409, "A request with this Idempotency-Key is still running"],
  "rate-limited": [429, "Too many requests"],
  "plan-limit": [402, "The plan's limit is reached"],
  "read-only": [402, "The workspace is read-only"],
  "internal-error": [500, "Something went wrong on our side"],
} as const satisfies Record<string, readonly [number, string]>;

export type ProblemType = keyof typeof PROBLEMS;

export const problemUri = (type: ProblemType) => `/docs/api#problem-${type}`;

export interface FieldError {
  /** JSON pointer into the body (`/title`), or the query parameter's name. */
  pointer?: string;
  parameter?: string;
  detail: string;
}

/** Throw from API code to answer with this problem. */
export class ApiProblem extends HttpError {
  constructor(
    readonly type: ProblemType,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: HeadersInit; [key: string]: unknown } = {},
  ) {
    super(PROBLEMS[type][0], detail, extra.headers);
  }
}

/** The problem type of an HttpError thrown by shared lib code, by its status. */
const BY_STATUS: Record<number, ProblemType> = {
  400: "invalid-parameter",
  401: "unauthorized",
  402: "read-only",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  410: "not-found",
  412: "precondition-failed",
  413: "payload-too-large",
  422: "validation-failed",
  429: "rate-limited",
};

/** `{ "owner_id": "Choose a member" }` → errors pointing into the body. */
export function bodyErrors(fields: Record<string, string>): FieldError[] {
  return Object.entries(fields).map(([field, detail]) => ({
    pointer: field === "_form" ? "" : `/${field.split(".").join("/")}`,
    detail,
  }));
}

export function toProblem(err: unknown): ApiProblem | null {
  if (err instanceof ApiProblem) return err;
  if (err instanceof ValidationError) {
    return new ApiProblem("validation-failed", err.message, { errors: bodyErrors(err.fields) });
  }
  if (err instanceof PlanLimitError) {
    return new ApiProblem("plan-limit", err.message, { limit: err.limit, plan: err.plan.id, upgrade: err.upgradePath });
  }
  if (err instanceof HttpError) {
    const type = BY_STATUS[err.status] ?? (err.status >= 500 ? "internal-error" : "conflict");
    return new ApiProblem(type, err.message, { headers: err.headers });
  }
  return null;
}

/** The response for `err`; anything that is no HttpError is logged and answered as a 500. */
export function problemResponse(err: unknown, instance: string): Response {
  const problem = toProblem(err);
  if (!problem) console.error(`API ${instance}:`, err);
  const p = problem ?? new ApiProblem("internal-error", "The request failed; it is safe to retry.");
  const { headers, ...extra } = p.extra;
  const body = {
    type: problemUri(p.type),
    title: PROBLEMS[p.type][1],
    status: p.status,
    detail: p.message,
    instance,
    ...extra,
  };
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(body), { status: p.status, headers: h });
}
