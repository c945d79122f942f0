import { createCache } from 'cache-manager';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import request from 'supertest';
import { CacheService } from '../src/cache/cache.service';
import { startApp } from './support/app';
import { freshRedisDb } from './support/redis';

const config = { ttlSeconds: { tournaments: 60, fixtures: 60, odds: 30 }, sessionTtlSeconds: 3600 };

function redisCache(url: string) {
  const keyv = new Keyv({ store: new KeyvRedis(url), useKeyPrefix: false });
  return { service: new CacheService(createCache({ stores: [keyv] }), config), keyv };
}

describe('CacheService on a real Redis', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshRedisDb();
  });

  it('shares cached values between two service instances (two app replicas)', async () => {
    const a = redisCache(url);
    const b = redisCache(url);
    const loaderA = jest.fn(() => Promise.resolve({ fixtures: [1, 2, 3] }));
    const loaderB = jest.fn(() => Promise.resolve({ fixtures: [] }));
    await a.service.getOrSet('fixtures', ['t566'], loaderA);
    const fromB = await b.service.getOrSet('fixtures', ['t566'], loaderB);
    expect(fromB).toEqual({ value: { fixtures: [1, 2, 3] }, stale: false, hit: true });
    expect(loaderB).not.toHaveBeenCalled();
    await b.service.probe(1000);
    await Promise.all([a.keyv.disconnect(), b.keyv.disconnect()]);
  });

  it('single-flights 50 concurrent misses into one load', async () => {
    const { service, keyv } = redisCache(url);
    let calls = 0;
    const loader = () => new Promise<number>((r) => setTimeout(() => r(++calls), 30));
    const results = await Promise.all(Array.from({ length: 50 }, () => service.getOrSet('odds', ['f9'], loader)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set([1]));
    await keyv.disconnect();
  });

  it('reports the redis store as ready through the app', async () => {
    const running = await startApp({ REDIS_URL: url });
    try {
      const ready = await request(running.url).get('/health/ready').expect(200);
      expect(ready.body.details.conversation_store).toEqual({ status: 'up', store: 'redis' });
      const res = await request(running.url).get('/health').expect(200);
      expect(res.body.details.cache).toEqual({ status: 'up', store: 'redis' });
    } finally {
      await running.close();
    }
  });

  it('keeps liveness up and readiness down (503) when Redis is unreachable', async () => {
    const running = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await request(running.url).get('/health/live').expect(200);
      const ready = await request(running.url).get('/health/ready').expect(503);
      expect(ready.body.error.conversation_store).toMatchObject({ status: 'down', store: 'redis' });
      const res = await request(running.url).get('/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error.cache.status).toBe('down');
    } finally {
      await running.close();
    }
  });
});
