/**
 * The app's cache of computed values: Upstash Redis when UPSTASH_REDIS_REST_URL/TOKEN are set,
 * else an in-process LRU. It fails open: when Redis errors or is slow, reads are misses and writes
 * are dropped (the value is computed as if nothing were cached), and Redis is left alone for a
 * few seconds before the next try, so an outage costs each request nothing.
 *
 * Callers name their keys under the org's data version (org_keys.ts): a change to the org's data
 * gives every key a new name, so nothing read from here is older than the org's last write.
 */
import { services } from "../data/services.ts";
import { MemoryStore } from "./memory.ts";
import type { CacheStore } from "./store.ts";
import { UpstashStore } from "./upstash.ts";

/** How long a value lives at most (versions make it stale sooner; this bounds memory and Redis). */
const TTL_SECONDS = 3600;
/** After a failure, Redis is not asked again for this long. */
const PAUSE_MS = 5_000;

const stores = new Map<string, CacheStore>();
let pausedUntil = 0;

function store(): CacheStore {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = services().config;
  const id = url && token ? `${url}\0${token}` : "memory";
  let found = stores.get(id);
  if (!found) {
    found = url && token ? new UpstashStore(url, token) : new MemoryStore();
    stores.set(id, found);
  }
  return found;
}

async function failOpen<T>(what: string, run: (s: CacheStore) => Promise<T>, fallback: T): Promise<T> {
  if (Date.now() < pausedUntil) return fallback;
  try {
    return await run(store());
  } catch (err) {
    pausedUntil = Date.now() + PAUSE_MS;
    console.warn(`cache: ${what} failed, computing without it for ${PAUSE_MS / 1000} s: ${(err as Error).message}`);
    return fallback;
  }
}

/** A value that does not parse (cut short, written by another version of the app) is a miss. */
function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export interface ReadThrough<T> {
  values: T[];
  /** How many of the values came from the cache. */
  hits: number;
}

/**
 * The value of each key: from the cache where it is there, else computed (`computeMissing` gets
 * the indexes of the missing keys and returns their values in that order) and stored.
 */
export async function readThrough<T>(
  keys: string[],
  computeMissing: (missing: number[]) => Promise<T[]>,
): Promise<ReadThrough<T>> {
  const found = await failOpen("read", (s) => s.get(keys), keys.map(() => null));
  const values = found.map((text) => text === null ? undefined : parse<T>(text));
  const missing = values.flatMap((v, i) => v === undefined ? [i] : []);
  if (missing.length) {
    const computed = await computeMissing(missing);
    missing.forEach((index, i) => values[index] = computed[i]);
    const entries = missing.map((index, i): [string, string] => [keys[index], JSON.stringify(computed[i])]);
    await failOpen("write", (s) => s.set(entries, TTL_SECONDS), undefined);
  }
  return { values: values as T[], hits: keys.length - missing.length };
}
