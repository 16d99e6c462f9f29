/**
 * The cache on Upstash Redis, shared by every app isolate. A request to Redis that fails or takes
 * longer than TIMEOUT_MS throws at once (no retries); the caller treats that as a miss.
 */
import { Redis } from "@upstash/redis";
import type { CacheStore } from "./store.ts";

const TIMEOUT_MS = 300;

export class UpstashStore implements CacheStore {
  readonly #redis: Redis;

  constructor(url: string, token: string) {
    this.#redis = new Redis({
      url,
      token,
      retry: false,
      signal: () => AbortSignal.timeout(TIMEOUT_MS),
      automaticDeserialization: false,
      readYourWrites: false,
    });
  }

  async get(keys: string[]): Promise<(string | null)[]> {
    if (!keys.length) return [];
    return await this.#redis.mget<(string | null)[]>(...keys);
  }

  async set(entries: [key: string, value: string][], ttlSeconds: number): Promise<void> {
    if (!entries.length) return;
    const pipeline = this.#redis.pipeline();
    for (const [key, value] of entries) pipeline.set(key, value, { ex: ttlSeconds });
    await pipeline.exec();
  }
}
