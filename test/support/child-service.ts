import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The real service as its own process, started from source (`node -r ts-node/register/transpile-only
 * src/main.ts`) so the tests do not depend on a prior `npm run build`. It listens on an ephemeral
 * loopback port, read from the banner main.ts prints; stdout and stderr are captured whole.
 */
export interface ChildService {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the banner. */
  startupMs: number;
  output(): string;
  /** Resolves with the first captured line (from now on, or from the start) that matches. */
  waitForLine(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

const ROOT = join(__dirname, '..', '..');

export function startChildService(env: Record<string, string | undefined>): Promise<ChildService> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' };
  const merged: Record<string, string | undefined> = { ENVIRONMENT: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env };
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) childEnv[key] = value;
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let captured = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    captured += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = captured.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) {
          listeners.delete(check);
          resolve(line);
        } else if (child.exitCode !== null) {
          listeners.delete(check);
          reject(new Error(`service exited (${child.exitCode}) before printing ${pattern}:\n${captured.slice(-3000)}`));
        }
      };
      listeners.add(check);
      void exited.then(check);
      check();
    });
  return waitForLine(/Health:\s+http:\/\/127\.0\.0\.1:\d+/).then((line) => {
    const port = /:(\d+)\//.exec(line)![1];
    return {
      child,
      url: `http://127.0.0.1:${port}`,
      startupMs: Date.now() - started,
      output: () => captured,
      waitForLine,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  });
}
