import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_PID_FILE = join(tmpdir(), `chatbet-test-redis-${process.pid}.pid`);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True when a Redis server answers PING on the loopback port. */
export function redisAnswers(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForRedis(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (await redisAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

/**
 * Starts one real redis-server for the whole run on a free loopback port. Tests that need Redis
 * read REDIS_TEST_URL (see test/support/redis.ts); when the binary is missing they fail with a
 * message saying how to install it, and the rest of the suite still runs.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (!binary) {
    process.env.REDIS_TEST_UNAVAILABLE =
      'redis-server is not installed: run `apt-get install -y redis-server` (CI does this in .ci/run)';
    return;
  }
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  writeFileSync(REDIS_PID_FILE, String(child.pid));
  await waitForRedis(port, Date.now() + 10_000);
  process.env.REDIS_TEST_URL = `redis://127.0.0.1:${port}`;
}
