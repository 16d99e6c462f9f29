/**
 * Who an API request is: the bearer key's org, and the member it acts as (the admin who made it, with
 * their role today). Found in one transaction with the org's billing standing, the key's rate limit
 * (per key, from the plan) and the month's call count. A browser's session cookie plays no part.
 */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { hashToken } from "../auth/tokens.ts";
import { checkLimit } from "../billing/limits.ts";
import { type BillingStatus, billingStatus } from "../billing/status.ts";
import { countApiCall } from "../billing/usage.ts";
import { type ApiKeyRow, type OrgScope, withApiKey } from "../data/scope.ts";
import { limit, type LimitResult } from "../ratelimit/mod.ts";
import { KEY_PATTERN } from "./keys.ts";
import { ApiProblem, toProblem } from "./problem.ts";

export interface ApiCaller {
  auth: AuthContext;
  key: { id: string; scope: "read" | "write" };
  billing: BillingStatus;
}

/** A rate limit's state, for the RateLimit-* headers of every response. */
export interface RateState extends LimitResult {
  limit: number;
}

/** Requests without a valid key, per client address: enough for a person, too few to hunt for keys. */
const UNAUTHENTICATED = { requests: 30, windowSeconds: 60 };
/** last_used_at is written at most this often, so reads stay reads. */
const TOUCH_MS = 60_000;

export function rateHeaders(rate: RateState, headers: Headers): Headers {
  headers.set("ratelimit-limit", String(rate.limit));
  headers.set("ratelimit-remaining", String(rate.remaining));
  headers.set("ratelimit-reset", String(rate.resetSeconds));
  headers.set("ratelimit-policy", `${rate.limit};w=60`);
  if (!rate.success) headers.set("retry-after", String(rate.retryAfterSeconds));
  return headers;
}

function bearer(req: Request): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  return m && KEY_PATTERN.test(m[1]) ? m[1] : null;
}

function tooMany(rate: RateState): ApiProblem {
  return new ApiProblem(
    "rate-limited",
    `Slow down: at most ${rate.limit} requests a minute. Retry after ` +
      `${rate.retryAfterSeconds} s.`,
    { headers: rateHeaders(rate, new Headers()) },
  );
}

/** The refusal for any key that does not work, whatever the reason: the caller learns nothing more. */
async function unauthorized(ip: string): Promise<ApiProblem> {
  const rate = { ...await limit("api:unauthenticated", ip, UNAUTHENTICATED), limit: UNAUTHENTICATED.requests };
  if (!rate.success) return tooMany(rate);
  const headers = rateHeaders(rate, new Headers({ "www-authenticate": 'Bearer realm="NexaCRM API"' }));
  return new ApiProblem(
    "unauthorized",
    "Send a valid API key as `Authorization: Bearer nxc_…`. Admins make keys under Settings → API keys.",
    { headers },
  );
}

/** What authenticate runs once the key is admitted, in its transaction, before the call is counted. */
export type Within<R> = (caller: ApiCaller, q: OrgScope) => Promise<R>;

async function admit<R>(
  q: OrgScope,
  key: ApiKeyRow,
  org: AuthContext["org"],
  onRate: (rate: RateState) => void,
  within: Within<R>,
) {
  if (key.revoked_at || (key.expires_at && key.expires_at <= new Date())) return null;
  const member = await q.selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.email_verified_at",
      "memberships.role",
      "memberships.team",
    ])
    .where("memberships.user_id", "=", key.user_id)
    .executeTakeFirst();
  if (!member) return null;
  const billing = await billingStatus(q);
  const rule = { requests: billing.plan.limits.apiRequestsPerMinute, windowSeconds: 60 };
  const rate: RateState = { ...await limit("api:key", key.id, rule), limit: rule.requests };
  onRate(rate);
  if (!rate.success) throw tooMany(rate);
  if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > TOUCH_MS) {
    await q.updateTable("api_keys").set({ last_used_at: new Date() }).where("id", "=", key.id).execute();
  }
  const auth: AuthContext = {
    user: {
      id: member.id,
      email: member.email,
      name: member.name,
      emailVerified: member.email_verified_at !== null,
      sessionHash: "",
    },
    org,
    role: member.role,
    team: member.team,
  };
  const caller = { auth, key: { id: key.id, scope: key.scope }, billing };
  const result = await within(caller, q);
  // Counted last: the usage row is locked from here to the commit, so the org's calls queue on it briefly.
  // This transaction writes only the count and the key's last use (writes and idempotency claims commit in
  // their own), so it commits without waiting for the WAL flush: the lock lasts microseconds, not an fsync,
  // and a crash can lose the last few counted calls, never data.
  await sql`SET LOCAL synchronous_commit = off`.execute(q.trx);
  if (!await countApiCall(q, billing.plan.limits.apiCallsPerMonth)) {
    try {
      checkLimit(billing, "apiCallsPerMonth", billing.plan.limits.apiCallsPerMonth + 1);
    } catch (err) {
      const problem = toProblem(err)!;
      throw new ApiProblem(problem.type, problem.message, {
        ...problem.extra,
        headers: rateHeaders(rate, new Headers()),
      });
    }
  }
  return { caller, result };
}

/**
 * The caller of an API request, and what `within` returns, run in the transaction that admitted the key; an
 * ApiProblem otherwise (401 for any key that does not work, 429 over the rate limit, 402 past the month's
 * allowance). `onRate` hears the key's rate limit state as soon as it is known.
 */
export async function authenticate<R>(
  req: Request,
  ip: string,
  onRate: (rate: RateState) => void,
  within: Within<R>,
): Promise<{ caller: ApiCaller; result: R }> {
  const token = bearer(req);
  const admitted = token
    ? await withApiKey(await hashToken(token), (q, key, org) => admit(q, key, org, onRate, within))
    : null;
  if (!admitted) throw await unauthorized(ip);
  return admitted;
}
