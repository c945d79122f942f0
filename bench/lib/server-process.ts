import { type ChildProcess, fork } from 'node:child_process';
import { bootBenchServer, type ServerKind, type ServerStats, serverStats } from './server-child';
import { siblingScript } from './sibling-script';

export interface BenchServer {
  url: string;
  kind: ServerKind;
  /** Model calls and CPU time spent by the server since it booted. */
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

/**
 * Starts a bench server in its own Node process (compiled, like `npm start`, under `npm run bench`;
 * see siblingScript). `BENCH_CPU_PROF=dir` writes a V8 CPU profile of the server there
 * when it exits.
 */
export function startServerProcess(kind: ServerKind, env: Record<string, string> = {}): Promise<BenchServer> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const script = siblingScript(__dirname, 'server-child');
  const child: ChildProcess = fork(script.file, [], {
    execArgv: [
      // As `npm start` and the Docker image run the service (the floor gets the same flag).
      '--max-semi-space-size=32',
      ...script.execArgv,
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(profileDir && !kind.startsWith('floor') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ],
    env: { ...process.env, ...env, BENCH_SERVER_KIND: kind, TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const request = <T>(type: string, reply: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: { type: string } & Record<string, unknown>) => {
        if (message.type !== reply) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.on('message', (message: { type: string; url?: string }) => {
      if (message.type !== 'ready') return;
      resolve({
        url: message.url!,
        kind,
        stats: async () => (await request<{ stats: ServerStats }>('stats', 'stats')).stats,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ type: 'close' });
          }),
      });
    });
  });
}

/**
 * Where the bench servers run: `child` (default) gives the server its own process and event loop;
 * `inprocess` (BENCH_SERVER=inprocess) shares one with the load client, which then competes with
 * the server for the same core and inflates the latencies.
 */
export const SERVER_PLACEMENT: 'child' | 'inprocess' = process.env.BENCH_SERVER === 'inprocess' ? 'inprocess' : 'child';

export async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<BenchServer> {
  if (SERVER_PLACEMENT === 'child') return startServerProcess(kind, env);
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const server = await bootBenchServer(kind);
  const cpuAtStart = process.cpuUsage();
  return {
    url: server.url,
    kind,
    // In one process the CPU time includes the load client's.
    stats: () => Promise.resolve(serverStats(cpuAtStart)),
    close: async () => {
      await server.close();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
