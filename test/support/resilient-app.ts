import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { SportsApiClientOptions } from '../../src/sports-api/http/sports-api-client.options';
import { clientOptionsFactory } from '../../src/sports-api/sports-api.module';
import { type RunningApp, startAppWith } from './app';
import { redisAnswers } from './global-setup';
import { type RunningSimulator, startSimulator } from '../../libs/sports-api-simulator/src';

/**
 * The real app whose sports-API client gives up and recovers quickly: the circuit half-opens
 * after 300 ms instead of 30 s and retries wait a few ms, so a test can watch a full
 * down → open → recovered cycle. Everything else is the production bootstrap.
 */
export function startResilientApp(env: Record<string, string | undefined>): Promise<RunningApp> {
  return startAppWith(env, (module) =>
    module
      .overrideProvider(SportsApiClientOptions)
      .useFactory(clientOptionsFactory({ halfOpenAfterMs: 300, retryInitialDelayMs: 10, retryMaxDelayMs: 50 })),
  );
}

/**
 * A simulator of the test's own (so it can inject faults) behind a resilient app on the offline
 * engine, with 1 s fixture/odds TTLs so cached entries expire within a test.
 */
export async function startFaultyStack(
  sportsApiTimeoutMs: number,
): Promise<{ sim: RunningSimulator; app: RunningApp; close(): Promise<void> }> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  const app = await startResilientApp({
    CHATBET_API_BASE_URL: sim.url,
    LLM_PROVIDER: 'offline',
    GOOGLE_API_KEY: undefined,
    CACHE_TTL_ODDS: '1',
    CACHE_TTL_FIXTURES: '1',
    SPORTS_API_TIMEOUT_MS: String(sportsApiTimeoutMs),
  }).catch(async (error: unknown) => {
    await sim.close();
    throw error;
  });
  return {
    sim,
    app,
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

/** Polls until `check` holds (a condition the system reaches eventually, not a timing claim). */
export async function eventually(check: () => Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

export const readinessIs = (url: string, status: number) => async () =>
  (await request(url).get('/health/ready')).status === status;

/** A redis-server of the test's own, on a fixed port so it can be killed and started again there. */
export class OwnRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
    if (!binary) throw new Error('redis-server is not installed');
    this.child = spawn(binary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await eventually(() => redisAnswers(this.port), `redis-server on ${this.port}`, 10_000);
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing (a hung Redis). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  /** SIGCONT: the paused server runs again. */
  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
