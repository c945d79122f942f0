/**
 * A Map whose entries expire, for the in-memory state stores (single instance, tests, no Redis).
 * Expired entries are dropped when read and swept now and then so the map cannot grow forever.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private writes = 0;

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
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (++this.writes % 1000 === 0) this.sweep();
  }

  /** Like Redis SET NX PX: false when a live entry already holds the key. */
  setIfAbsent(key: string, value: V, ttlMs: number): boolean {
    if (this.has(key)) return false;
    this.set(key, value, ttlMs);
    return true;
  }

  touch(key: string, ttlMs: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) entry.expiresAt = Date.now() + ttlMs;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
