import { createServer } from 'node:net';
import { freshRedisDb } from '../../../test/support/redis';
import { RedisConnection } from '../../redis/redis-connection';
import { RestThrottlerStorage } from './rest-throttler.storage';

const connectionTo = (url: string | undefined) => new RedisConnection({ url, password: undefined, commandTimeoutMs: 1000 });

describe('RestThrottlerStorage on a real Redis', () => {
  let url: string;
  const connections: RedisConnection[] = [];
  const storageOn = async (target: string | undefined) => {
    const connection = connectionTo(target);
    connections.push(connection);
    await connection.onModuleInit();
    return new RestThrottlerStorage(connection);
  };
  beforeAll(async () => {
    url = await freshRedisDb();
  });
  afterAll(async () => {
    for (const connection of connections) await connection.onModuleDestroy();
  });

  it('shares one budget between two instances and blocks past it for the block duration', async () => {
    const a = await storageOn(url);
    const b = await storageOn(url);
    expect(await a.increment('ip-1', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
    expect(await b.increment('ip-1', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await a.increment('ip-1', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await b.increment('ip-1', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    // Another key, or the same key under another throttler, has its own budget.
    expect(await a.increment('ip-2', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await a.increment('ip-1', 60_000, 3, 30_000, 'socket')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window once the window and its block have run out', async () => {
    const a = await storageOn(url);
    await a.increment('ip-3', 50, 1, 50, 'default');
    expect(await a.increment('ip-3', 50, 1, 50, 'default')).toMatchObject({ totalHits: 2, isBlocked: true });
    await new Promise((r) => setTimeout(r, 80));
    expect(await a.increment('ip-3', 50, 1, 50, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts in memory while Redis is unreachable, and without Redis configured', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    for (const storage of [await storageOn(`redis://127.0.0.1:${port}`), await storageOn(undefined)]) {
      await storage.increment('ip-4', 60_000, 1, 60_000, 'default');
      expect(await storage.increment('ip-4', 60_000, 1, 60_000, 'default')).toMatchObject({ totalHits: 2, isBlocked: true });
      storage.onModuleDestroy();
    }
  });
});
