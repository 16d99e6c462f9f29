/** Where cached strings live: Upstash Redis (upstash.ts) or this process (memory.ts). */
export interface CacheStore {
  /** The value of each key, null where there is none (or it expired). */
  get(keys: string[]): Promise<(string | null)[]>;
  set(entries: [key: string, value: string][], ttlSeconds: number): Promise<void>;
}
