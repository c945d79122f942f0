import { createCache } from 'cache-manager';
import type { ConfigType } from '@nestjs/config';
import type { cacheConfig } from '../config/configuration';
import { CacheService } from './cache.service';

const config: ConfigType<typeof cacheConfig> = {
  ttlSeconds: { tournaments: 60, fixtures: 60, odds: 1 },
  sessionTtlSeconds: 3600,
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CacheService', () => {
  let now: number;
  beforeEach(() => {
    now = 1_700_000_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('calls the loader once for 50 concurrent misses of one key (single-flight)', async () => {
    const cache = new CacheService(createCache(), config);
    const gate = deferred<string>();
    const loader = jest.fn(() => gate.promise);
    const calls = Array.from({ length: 50 }, () => cache.getOrSet('odds', ['f1'], loader));
    gate.resolve('value');
    const results = await Promise.all(calls);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'value' && !r.stale)).toBe(true);
    expect(results.filter((r) => !r.hit)).toHaveLength(1);
  });

  it('serves a fresh value without calling the loader, then reloads after the TTL', async () => {
    const cache = new CacheService(createCache(), config);
    let n = 0;
    const loader = () => Promise.resolve(++n);
    expect((await cache.getOrSet('odds', ['f1'], loader)).value).toBe(1);
    expect(await cache.getOrSet('odds', ['f1'], loader)).toEqual({ value: 1, stale: false, hit: true });
    now += 1500; // odds TTL is 1 s
    expect((await cache.getOrSet('odds', ['f1'], loader)).value).toBe(2);
  });

  it('keeps keys of different namespaces and parts apart', async () => {
    const cache = new CacheService(createCache(), config);
    await cache.getOrSet('odds', ['a'], () => Promise.resolve('odds-a'));
    await cache.getOrSet('fixtures', ['a'], () => Promise.resolve('fixtures-a'));
    expect((await cache.getOrSet('odds', ['a'], () => Promise.resolve('x'))).value).toBe('odds-a');
    expect((await cache.getOrSet('fixtures', ['a'], () => Promise.resolve('x'))).value).toBe('fixtures-a');
    expect((await cache.getOrSet('odds', ['b'], () => Promise.resolve('odds-b'))).value).toBe('odds-b');
  });

  it('returns the expired value flagged stale when the loader fails', async () => {
    const cache = new CacheService(createCache(), config);
    await cache.getOrSet('odds', ['f1'], () => Promise.resolve({ home: 1.9 }));
    now += 5000;
    const result = await cache.getOrSet('odds', ['f1'], () => Promise.reject(new Error('upstream down')));
    expect(result).toEqual({ value: { home: 1.9 }, stale: true, hit: false });
    expect(cache.stats.odds.staleServed).toBe(1);
  });

  it('propagates the loader error when nothing was ever cached', async () => {
    const cache = new CacheService(createCache(), config);
    await expect(cache.getOrSet('odds', ['f1'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    // A failed load is not remembered: the next call tries again.
    await expect(cache.getOrSet('odds', ['f1'], () => Promise.resolve(3))).resolves.toMatchObject({ value: 3 });
  });

  it('falls back to process memory when the primary store fails', async () => {
    const broken = createCache();
    jest.spyOn(broken, 'get').mockRejectedValue(new Error('store down'));
    jest.spyOn(broken, 'set').mockRejectedValue(new Error('store down'));
    const cache = new CacheService(broken, config);
    const loader = jest.fn(() => Promise.resolve('v'));
    await cache.getOrSet('tournaments', ['all'], loader);
    const second = await cache.getOrSet('tournaments', ['all'], loader);
    expect(second).toMatchObject({ value: 'v', hit: true });
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats.tournaments.storeErrors).toBeGreaterThan(0);
    await expect(cache.probe(100)).rejects.toThrow('store down');
  });

  it('answers a fresh value from process memory without a shared-store round trip', async () => {
    const store = createCache();
    const cache = new CacheService(store, config);
    await cache.getOrSet('fixtures', ['t1'], () => Promise.resolve(['f1']));
    const reads = jest.spyOn(store, 'get');
    expect(await cache.getOrSet('fixtures', ['t1'], () => Promise.resolve(['other']))).toEqual({ value: ['f1'], stale: false, hit: true });
    expect(reads).not.toHaveBeenCalled();
    expect(cache.stats.fixtures.hits).toBe(1);
  });

  it('reads what another instance cached from the shared store once, then locally until its TTL ends', async () => {
    const shared = createCache();
    const writer = new CacheService(shared, config);
    const reader = new CacheService(shared, config);
    await writer.getOrSet('fixtures', ['t1'], () => Promise.resolve(['f1']));
    const reads = jest.spyOn(shared, 'get');
    const loader = jest.fn(() => Promise.resolve(['from the API']));
    expect((await reader.getOrSet('fixtures', ['t1'], loader)).value).toEqual(['f1']);
    expect((await reader.getOrSet('fixtures', ['t1'], loader)).value).toEqual(['f1']);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(loader).not.toHaveBeenCalled();
    // The local copy expires with the shared entry's deadline, not later.
    now += 61_000;
    expect((await reader.getOrSet('fixtures', ['t1'], loader)).value).toEqual(['from the API']);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  describe('derive', () => {
    const sum = (cache: CacheService, loads: { a: number; b: number }) =>
      cache.derive('sum', async (read) => {
        const a = await read('odds', ['a'], () => Promise.resolve(++loads.a));
        const b = await read('fixtures', ['b'], () => Promise.resolve(++loads.b * 10));
        return { total: a.value + b.value };
      });

    it('returns the same derived value while every source is the same fresh entry', async () => {
      const cache = new CacheService(createCache(), config);
      const loads = { a: 0, b: 0 };
      const first = await sum(cache, loads);
      const second = await sum(cache, loads);
      expect(first).toEqual({ total: 11 });
      expect(second).toBe(first);
      expect(loads).toEqual({ a: 1, b: 1 });
    });

    it('builds again once one source has expired, from the reloaded source', async () => {
      const cache = new CacheService(createCache(), config);
      const loads = { a: 0, b: 0 };
      await sum(cache, loads);
      now += 1500; // odds TTL is 1 s, fixtures 60 s
      expect(await sum(cache, loads)).toEqual({ total: 12 });
      expect(loads).toEqual({ a: 2, b: 1 });
    });

    it('builds again when a source was deleted or replaced', async () => {
      const cache = new CacheService(createCache(), config);
      const loads = { a: 0, b: 0 };
      const first = await sum(cache, loads);
      await cache.delete('fixtures', 'b');
      const second = await sum(cache, loads);
      expect(second).not.toBe(first);
      expect(second).toEqual({ total: 21 });
    });

    it('does not keep a value built from a stale source', async () => {
      const cache = new CacheService(createCache(), config);
      await cache.getOrSet('odds', ['a'], () => Promise.resolve(1));
      now += 1500;
      let builds = 0;
      const build = () =>
        cache.derive('stale', async (read) => {
          builds++;
          const a = await read('odds', ['a'], () => Promise.reject(new Error('upstream down')));
          return { value: a.value, stale: a.stale };
        });
      expect(await build()).toEqual({ value: 1, stale: true });
      expect(await build()).toEqual({ value: 1, stale: true });
      expect(builds).toBe(2);
    });

    it('shares one build between concurrent callers', async () => {
      const cache = new CacheService(createCache(), config);
      const gate = deferred<number>();
      let builds = 0;
      const calls = Array.from({ length: 10 }, () =>
        cache.derive('shared', async (read) => {
          builds++;
          return (await read('odds', ['a'], () => gate.promise)).value;
        }),
      );
      gate.resolve(7);
      expect(await Promise.all(calls)).toEqual(Array(10).fill(7));
      expect(builds).toBe(1);
    });
  });
});
