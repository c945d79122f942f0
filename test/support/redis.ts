import { createClient } from 'redis';

/** The URL of the suite's real redis-server; throws a clear message when none could be started. */
export function redisTestUrl(): string {
  const url = process.env.REDIS_TEST_URL;
  if (!url) throw new Error(process.env.REDIS_TEST_UNAVAILABLE ?? 'REDIS_TEST_URL is not set (global setup did not run)');
  return url;
}

/** Each test file gets its own logical database so files running in parallel never collide. */
let nextDb = 1;
export async function freshRedisDb(): Promise<string> {
  const base = redisTestUrl();
  const db = ((Number(process.env.JEST_WORKER_ID ?? 1) * 4 + nextDb++) % 15) + 1;
  const client = createClient({ url: `${base}/${db}` });
  await client.connect();
  await client.flushDb();
  await client.close();
  return `${base}/${db}`;
}
