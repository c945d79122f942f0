import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Cache } from 'cache-manager';
import { LRUCache } from 'lru-cache';
import { cacheConfig } from '../config/configuration';
import { withTimeout } from '../common/timeout';
import { type CacheNamespace, cacheKey } from './cache-namespaces';

/** What the store holds: the value and the moment it stops being fresh. */
interface Envelope<T> {
  v: T;
  f: number;
}

export interface CachedValue<T> {
  value: T;
  /** True when the loader failed and an expired value was served instead. */
  stale: boolean;
  /** True when no loader ran for this call (fresh hit or joined an in-flight load). */
  hit: boolean;
}

/** Reads cached values for `CacheService.derive`, remembering which entries the result was built from. */
export type SourceReader = <T>(
  namespace: CacheNamespace,
  parts: Array<string | number | boolean | undefined>,
  load: () => Promise<T>,
) => Promise<CachedValue<T>>;

/** A derived value and the local entries it was built from, each exactly as it was read. */
interface Derivation {
  value: unknown;
  sources: Array<[key: string, envelope: Envelope<unknown>]>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  staleServed: number;
  storeErrors: number;
}

/** How long past its TTL a value is kept for stale-on-error reads. */
const STALE_FACTOR = 12;
const MIN_STALE_KEEP_MS = 60 * 60 * 1000;
const STORE_TIMEOUT_MS = 250;
/** Entries the process keeps; the catalogue's sports data is a few thousand at most. */
const LOCAL_MAX_ENTRIES = 10_000;
/** Derived values kept: a listing per tournament, fixture type and language, and the merged ones. */
const DERIVED_MAX_ENTRIES = 2_000;

/**
 * Owns namespaces, TTL policy, single-flight and stale-on-error, over two tiers: a process-local
 * LRU (synchronous, bounded) in front of the shared store, cache-manager on Keyv (Redis or
 * memory). A fresh local copy answers without a Redis round trip; every value this process writes
 * or reads from the store is copied locally with the same freshness deadline, so a local hit is
 * never older than the TTL allows. When the store fails, the local tier (kept past freshness for
 * stale-on-error) takes over, so a Redis outage slows nothing down and loses only sharing.
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger(CacheService.name);
  private readonly inFlight = new Map<string, Promise<CachedValue<unknown>>>();
  private readonly local = new LRUCache<string, Envelope<unknown>>({ max: LOCAL_MAX_ENTRIES, ttlAutopurge: false });
  private readonly derived = new LRUCache<string, Derivation>({ max: DERIVED_MAX_ENTRIES });
  private readonly deriving = new Map<string, Promise<unknown>>();
  private readonly ttlSeconds: Record<CacheNamespace, number>;
  readonly stats: Record<CacheNamespace, CacheStats>;
  private listener?: (namespace: CacheNamespace, outcome: 'hit' | 'miss' | 'stale') => void;

  constructor(
    @Inject(CACHE_MANAGER) private readonly store: Cache,
    @Inject(cacheConfig.KEY) config: ConfigType<typeof cacheConfig>,
  ) {
    this.ttlSeconds = { ...config.ttlSeconds, sports: config.ttlSeconds.tournaments, probe: 5 };
    const empty = (): CacheStats => ({ hits: 0, misses: 0, staleServed: 0, storeErrors: 0 });
    this.stats = { sports: empty(), tournaments: empty(), fixtures: empty(), odds: empty(), probe: empty() };
  }

  /** Metrics register here rather than the cache importing them. */
  onOutcome(listener: (namespace: CacheNamespace, outcome: 'hit' | 'miss' | 'stale') => void): void {
    this.listener = listener;
  }

  ttlFor(namespace: CacheNamespace): number {
    return this.ttlSeconds[namespace];
  }

  /**
   * Returns the cached value while fresh; otherwise runs `load` once however many callers ask at
   * the same time. When `load` fails and an expired value exists, that value is returned with
   * `stale: true` instead of the error.
   */
  async getOrSet<T>(
    namespace: CacheNamespace,
    parts: Array<string | number | boolean | undefined>,
    load: () => Promise<T>,
  ): Promise<CachedValue<T>> {
    const key = cacheKey(namespace, ...parts);
    const fresh = this.freshLocal<T>(namespace, key);
    if (fresh) return { value: fresh.v, stale: false, hit: true };
    const running = this.inFlight.get(key) as Promise<CachedValue<T>> | undefined;
    if (running) return running.then((r) => ({ ...r, hit: true }));

    const attempt = this.resolve(namespace, key, load);
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * A value computed from cached entries (a listing merged from many, an index over one), kept in
   * process and returned as it is for as long as every entry it was built from is still the same
   * fresh local copy: it is never older than its sources allow, and a source that expired, was
   * reloaded or deleted makes the next call build it again. `build` reads its sources through the
   * reader it is given; when any of them came back stale (the API failed), the result is not kept.
   * Callers must treat the value as read-only: later calls share it.
   */
  async derive<T>(id: string, build: (read: SourceReader) => Promise<T>): Promise<T> {
    const kept = this.derived.get(id);
    if (kept && this.stillFresh(kept.sources)) return kept.value as T;
    // Callers arriving while it is built share that build, as concurrent misses share a load.
    const running = this.deriving.get(id) as Promise<T> | undefined;
    if (running) return running;
    const attempt = this.buildDerived(id, build);
    this.deriving.set(id, attempt);
    try {
      return await attempt;
    } finally {
      this.deriving.delete(id);
    }
  }

  private async buildDerived<T>(id: string, build: (read: SourceReader) => Promise<T>): Promise<T> {
    const sources: Derivation['sources'] = [];
    let complete = true;
    const read: SourceReader = async (namespace, parts, load) => {
      const result = await this.getOrSet(namespace, parts, load);
      const key = cacheKey(namespace, ...parts);
      const envelope = this.local.peek(key);
      if (result.stale || !envelope || envelope.v !== result.value) complete = false;
      else sources.push([key, envelope]);
      return result;
    };
    const value = await build(read);
    if (complete) this.derived.set(id, { value, sources });
    else this.derived.delete(id);
    return value;
  }

  /** Drops the shared entry and this process's copy; other instances keep theirs until its freshness deadline. */
  async delete(namespace: CacheNamespace, ...parts: Array<string | number | boolean | undefined>): Promise<void> {
    const key = cacheKey(namespace, ...parts);
    this.local.delete(key);
    await this.store.del(key).catch(() => undefined);
  }

  /** A set/get round trip on the primary store, for readiness. */
  async probe(timeoutMs = 500): Promise<void> {
    const key = cacheKey('probe', process.pid, Date.now());
    const token = Math.random().toString(36).slice(2);
    await withTimeout(this.store.set(key, token, 5000), timeoutMs, 'cache store write');
    const read = await withTimeout(this.store.get<string>(key), timeoutMs, 'cache store read');
    if (read !== token) throw new Error('cache store returned a different value');
    await this.store.del(key).catch(() => undefined);
  }

  private async resolve<T>(namespace: CacheNamespace, key: string, load: () => Promise<T>): Promise<CachedValue<T>> {
    const stats = this.stats[namespace];
    const cached = (await this.read<T>(namespace, key)) ?? (this.local.get(key) as Envelope<T> | undefined);
    if (cached && cached.f > Date.now()) {
      stats.hits++;
      this.listener?.(namespace, 'hit');
      return { value: cached.v, stale: false, hit: true };
    }
    stats.misses++;
    this.listener?.(namespace, 'miss');
    try {
      const value = await load();
      await this.write(namespace, key, value);
      return { value, stale: false, hit: false };
    } catch (error) {
      if (!cached) throw error;
      stats.staleServed++;
      this.listener?.(namespace, 'stale');
      this.logger.warn(`serving stale ${namespace} value after loader failure: ${(error as Error).message}`);
      return { value: cached.v, stale: true, hit: false };
    }
  }

  private stillFresh(sources: Derivation['sources']): boolean {
    const now = Date.now();
    for (const [key, envelope] of sources) {
      if (envelope.f <= now || this.local.get(key) !== envelope) return false;
    }
    return true;
  }

  /** A local copy still within its TTL: the common case, answered without a promise or a round trip. */
  private freshLocal<T>(namespace: CacheNamespace, key: string): Envelope<T> | undefined {
    const envelope = this.local.get(key) as Envelope<T> | undefined;
    if (!envelope || envelope.f <= Date.now()) return undefined;
    this.stats[namespace].hits++;
    this.listener?.(namespace, 'hit');
    return envelope;
  }

  /** The shared store's copy, kept locally too; undefined when it has none or cannot answer. */
  private async read<T>(namespace: CacheNamespace, key: string): Promise<Envelope<T> | undefined> {
    try {
      const value = await withTimeout(this.store.get<Envelope<T>>(key), STORE_TIMEOUT_MS, 'cache read');
      if (value === undefined || value === null) return undefined;
      this.keepLocally(namespace, key, value);
      return value;
    } catch {
      this.stats[namespace].storeErrors++;
      return undefined;
    }
  }

  private keepLocally(namespace: CacheNamespace, key: string, envelope: Envelope<unknown>): void {
    this.local.set(key, envelope, { ttl: this.keepMs(namespace) });
  }

  /** How long a value is kept after it was written: its TTL, and long past it for stale-on-error. */
  private keepMs(namespace: CacheNamespace): number {
    const ttlMs = this.ttlSeconds[namespace] * 1000;
    return Math.max(ttlMs * STALE_FACTOR, MIN_STALE_KEEP_MS);
  }

  private async write<T>(namespace: CacheNamespace, key: string, value: T): Promise<void> {
    const envelope: Envelope<T> = { v: value, f: Date.now() + this.ttlSeconds[namespace] * 1000 };
    // The local copy is always written: it is what survives a store outage.
    this.keepLocally(namespace, key, envelope);
    try {
      await withTimeout(this.store.set(key, envelope, this.keepMs(namespace)), STORE_TIMEOUT_MS, 'cache write');
    } catch {
      this.stats[namespace].storeErrors++;
    }
  }
}
