/**
 * The embedded cache: least recently used entries in this process, bounded by count and by bytes
 * (UTF-16 length of key and value, close enough to bound memory), each with its own expiry.
 */
import type { CacheStore } from "./store.ts";

interface Entry {
  value: string;
  expires: number;
  size: number;
}

export class MemoryStore implements CacheStore {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(private readonly maxEntries = 2_000, private readonly maxBytes = 32 * 1024 * 1024) {}

  get(keys: string[]): Promise<(string | null)[]> {
    const now = Date.now();
    return Promise.resolve(keys.map((key) => {
      const entry = this.#entries.get(key);
      if (!entry) return null;
      this.#entries.delete(key);
      if (entry.expires <= now) {
        this.#bytes -= entry.size;
        return null;
      }
      this.#entries.set(key, entry); // most recently used last
      return entry.value;
    }));
  }

  set(entries: [key: string, value: string][], ttlSeconds: number): Promise<void> {
    const expires = Date.now() + ttlSeconds * 1000;
    for (const [key, value] of entries) {
      const size = (key.length + value.length) * 2;
      if (size > this.maxBytes) continue;
      this.#drop(key);
      this.#entries.set(key, { value, expires, size });
      this.#bytes += size;
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#drop(key);
    }
    return Promise.resolve();
  }

  #drop(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
  }
}
