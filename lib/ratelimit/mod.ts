/**
 * Rate limits by bucket and key (an IP, an account), as a sliding window: through
 * `@upstash/ratelimit` on Upstash Redis when it is configured (shared by every app isolate),
 * in process memory otherwise (one process: dev and tests).
 */
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { services } from "../data/services.ts";

export interface Rule {
  requests: number;
  windowSeconds: number;
}

export interface LimitResult {
  success: boolean;
  /** Seconds until a request would be let through again (0 when this one was). */
  retryAfterSeconds: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Seconds until the window has room for its full count again. */
  resetSeconds: number;
}

export const DEFAULT_RULE: Rule = { requests: 10, windowSeconds: 60 };

export async function limit(bucket: string, key: string, rule: Rule = DEFAULT_RULE): Promise<LimitResult> {
  const { config } = services();
  const local = () => memoryLimit(`${bucket}\0${rule.requests}/${rule.windowSeconds}\0${key}`, rule);
  if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) return local();
  const limiter = upstashLimiter(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN, bucket, rule);
  try {
    const res = await limiter.limit(key);
    redisDownSince = null;
    const untilReset = Math.max(1, Math.ceil((res.reset - Date.now()) / 1000));
    return {
      success: res.success,
      retryAfterSeconds: res.success ? 0 : untilReset,
      remaining: Math.max(0, res.remaining),
      resetSeconds: untilReset,
    };
  } catch (err) {
    // Redis away must not take sign-in down with it: limit in this process until it answers again.
    if (redisDownSince === null) {
      redisDownSince = Date.now();
      console.warn(`rate limits: Upstash Redis failed (${(err as Error).message}); limiting in process meanwhile`);
    }
    return local();
  }
}

/** When the shared store started failing (null while it answers), so an outage is logged once. */
let redisDownSince: number | null = null;

export function tooManyRequests(retryAfterSeconds: number): Response {
  return new Response("Too many requests. Please wait a moment and try again.", {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds), "content-type": "text/plain; charset=utf-8" },
  });
}

const limiters = new Map<string, Ratelimit>();

function upstashLimiter(url: string, token: string, bucket: string, rule: Rule): Ratelimit {
  const id = `${url}\0${bucket}\0${rule.requests}/${rule.windowSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new Ratelimit({
      // One quick retry: a request waits on this, and the in-process fallback covers an outage.
      redis: new Redis({ url, token, retry: { retries: 1, backoff: () => 50 } }),
      timeout: 1_000,
      limiter: Ratelimit.slidingWindow(rule.requests, `${rule.windowSeconds} s`),
      prefix: `nexacrm:rl:${bucket}:${rule.requests}/${rule.windowSeconds}`,
      // Redis holds all state: no per-isolate cache of blocked keys.
      ephemeralCache: false,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/** Per key: its window and the times (ms) of the requests let through in it, oldest first. */
const hits = new Map<string, { windowMs: number; times: number[] }>();
const SWEEP_AT = 10_000;

function memoryLimit(id: string, rule: Rule): LimitResult {
  const now = Date.now();
  const windowMs = rule.windowSeconds * 1000;
  if (hits.size > SWEEP_AT) sweep(now);
  const times = (hits.get(id)?.times ?? []).filter((t) => t > now - windowMs);
  hits.set(id, { windowMs, times });
  const success = times.length < rule.requests;
  if (success) times.push(now);
  const resetSeconds = Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000));
  return {
    success,
    retryAfterSeconds: success ? 0 : resetSeconds,
    remaining: rule.requests - times.length,
    resetSeconds,
  };
}

/** Forgets keys with no request left in their window, so memory stays bounded. */
function sweep(now: number) {
  for (const [id, { windowMs, times }] of hits) if (times[times.length - 1] <= now - windowMs) hits.delete(id);
}
