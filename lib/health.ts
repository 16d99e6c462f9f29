/**
 * Liveness of the app and of each dependency, for `/healthz`: the database (without it nothing works: the check
 * fails) and Upstash Redis when configured (without it rate limits fall back to the process: degraded, not down);
 * and the job queue: how many jobs wait, and how long the oldest due one has waited.
 */
import { sql } from "kysely";
import { Redis } from "@upstash/redis";
import { services } from "./data/services.ts";
import { queueHealth } from "./jobs/health.ts";

/** A dependency that has not answered in this long counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

interface Check {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

let redis: Redis | undefined;

export async function checkHealth() {
  const { db, driver, config } = services();
  const [database, cache] = await Promise.all([
    timed(() => sql`select 1`.execute(db)),
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? timed(() =>
        (redis ??= new Redis({
          url: config.UPSTASH_REDIS_REST_URL!,
          token: config.UPSTASH_REDIS_REST_TOKEN!,
          retry: { retries: 0 },
        })).ping()
      )
      : null,
  ]);
  return {
    ok: database.ok,
    database: { driver, ...database },
    redis: cache ?? "not configured",
    jobs: database.ok ? await queueHealth().catch(() => null) : null,
  };
}
