/**
 * Entries one memory store keeps at most. Far beyond what one instance serves in an entry's
 * lifetime (10 minutes of message ids at a few hundred messages a second), so the TTLs decide in
 * practice; the bound keeps a flood from growing the process without limit.
 */
export const MEMORY_STORE_MAX_ENTRIES = 250_000;

/** Expired entries looked at from the oldest end on each write. */
const SWEEP_PER_WRITE = 2;

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A Map whose entries expire, for the in-memory state stores (single instance, tests, no Redis).
 * A write moves its key to the end, so the map stays in the order entries were last written;
 * each write then drops a couple of expired entries from the oldest end and, past the bound, the
 * oldest one. So the cost of expiry is constant per write, where a periodic sweep of the whole
 * map cost time in proportion to ten minutes of traffic. (lru-cache was tried: it refills its
 * preallocated arrays whenever a map empties, which a lock map does on every turn.)
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly max = MEMORY_STORE_MAX_ENTRIES) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.write(key, { value, expiresAt: Date.now() + ttlMs });
  }

  /** Like Redis SET NX PX: false when a live entry already holds the key. */
  setIfAbsent(key: string, value: V, ttlMs: number): boolean {
    if (this.has(key)) return false;
    this.set(key, value, ttlMs);
    return true;
  }

  /** A new TTL from now for a live entry (like Redis PEXPIRE); nothing for a missing one. */
  touch(key: string, ttlMs: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) this.write(key, { value: entry.value, expiresAt: Date.now() + ttlMs });
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  private write(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.sweep();
  }

  private sweep(): void {
    const now = Date.now();
    let looked = 0;
    for (const [key, entry] of this.entries) {
      // Over the bound the oldest goes, live or not.
      if (this.entries.size > this.max) {
        this.entries.delete(key);
        continue;
      }
      // An oldest entry still live means nothing older is left to drop.
      if (looked++ >= SWEEP_PER_WRITE || entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }
}
