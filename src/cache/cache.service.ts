import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { type Cache, createCache } from 'cache-manager';
import { cacheConfig } from '../config/configuration';
import { withTimeout } from '../redis/redis-connection';
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

/**
 * Owns namespaces, TTL policy, single-flight and stale-on-error. The primary store is
 * cache-manager on Keyv (Redis or memory); when the primary fails, a process-local memory cache
 * takes over so a Redis outage slows nothing down and loses only cross-instance sharing.
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger(CacheService.name);
  private readonly inFlight = new Map<string, Promise<CachedValue<unknown>>>();
  private readonly fallback: Cache = createCache();
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

  async delete(namespace: CacheNamespace, ...parts: Array<string | number | boolean | undefined>): Promise<void> {
    const key = cacheKey(namespace, ...parts);
    await Promise.allSettled([this.store.del(key), this.fallback.del(key)]);
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
    const cached = await this.read<T>(namespace, key);
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

  private async read<T>(namespace: CacheNamespace, key: string): Promise<Envelope<T> | undefined> {
    try {
      const value = await withTimeout(this.store.get<Envelope<T>>(key), STORE_TIMEOUT_MS, 'cache read');
      if (value !== undefined && value !== null) return value;
    } catch {
      this.stats[namespace].storeErrors++;
    }
    return (await this.fallback.get<Envelope<T>>(key)) ?? undefined;
  }

  private async write<T>(namespace: CacheNamespace, key: string, value: T): Promise<void> {
    const ttlMs = this.ttlSeconds[namespace] * 1000;
    const envelope: Envelope<T> = { v: value, f: Date.now() + ttlMs };
    const keepMs = Math.max(ttlMs * STALE_FACTOR, MIN_STALE_KEEP_MS);
    // The local copy is always written: it is what survives a store outage.
    await this.fallback.set(key, envelope, keepMs);
    try {
      await withTimeout(this.store.set(key, envelope, keepMs), STORE_TIMEOUT_MS, 'cache write');
    } catch {
      this.stats[namespace].storeErrors++;
    }
  }
}
