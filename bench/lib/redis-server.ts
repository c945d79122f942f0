import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort, redisAnswers } from '../../test/support/global-setup';

export interface BenchRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server for the bench's Redis mode, as the tests start theirs
 * (test/support/global-setup.ts): loopback, a free port, no persistence. It is stopped by
 * stop() and, should the bench exit first, with the bench.
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) throw new Error('redis-server is not installed (apt-get install -y redis-server); BENCH_STATE=memory skips Redis mode');
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    { stdio: 'ignore' },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
