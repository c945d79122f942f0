import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { SportsApiClientOptions } from './sports-api-client.options';
import { SportsApiResilience } from './sports-api.resilience';
import { UpstreamStatusError } from './upstream-errors';

/** An attempt that never settles on its own: it ends only when its signal aborts. */
function untilAborted(seen: AbortSignal[]) {
  return (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      seen.push(signal);
      signal.addEventListener('abort', () => reject(new Error('aborted', { cause: signal.reason })), { once: true });
    });
}

describe('SportsApiResilience', () => {
  const options = new SportsApiClientOptions({
    timeoutMs: 20_000, // far beyond the test: only an abort can end the attempts below
    attempts: 1,
    breakerThreshold: 1,
    halfOpenAfterMs: 30,
  });
  beforeAll(() => Logger.overrideLogger(false));

  it('passes the caller signal to the attempt: aborting it ends the call', async () => {
    const resilience = new SportsApiResilience(options);
    const caller = new AbortController();
    const seen: AbortSignal[] = [];
    const call = resilience.execute(untilAborted(seen), { idempotent: true, signal: caller.signal });
    await new Promise((r) => setImmediate(r));
    caller.abort(new Error('turn stopped'));
    await expect(call).rejects.toThrow();
    expect(seen[0].aborted).toBe(true);
  });

  it('lets a burst of calls wait on the half-open trial without a listener-leak warning', async () => {
    // Node reports the warning on the real process, which jest's sandbox does not show a test:
    // the burst runs in a child process and its warnings are read back.
    const burst = `
      const { SportsApiClientOptions } = require('./sports-api-client.options');
      const { SportsApiResilience } = require('./sports-api.resilience');
      const { UpstreamStatusError } = require('./upstream-errors');
      const warnings = [];
      process.on('warning', (w) => warnings.push(w.name));
      (async () => {
        const r = new SportsApiResilience(new SportsApiClientOptions({ timeoutMs: 5000, attempts: 1, breakerThreshold: 1, halfOpenAfterMs: 20 }));
        await r.execute(() => Promise.reject(new UpstreamStatusError('GET', '/sports', 503)), { idempotent: true }).catch(() => 0);
        await new Promise((res) => setTimeout(res, 40));
        let finish;
        const trial = r.execute(() => new Promise((res) => (finish = res)), { idempotent: true });
        const waiters = Array.from({ length: 12 }, (_, i) => r.execute(() => new Promise((res) => setTimeout(() => res(i), 20)), { idempotent: true }));
        finish();
        await trial;
        const answers = await Promise.all(waiters);
        setImmediate(() => console.log(JSON.stringify({ answers: answers.length, warnings })));
      })();`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', burst],
      { cwd: __dirname, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', LOG_LEVEL: 'silent' } },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { answers: number; warnings: string[] };
    expect(result.answers).toBe(12);
    expect(result.warnings).not.toContain('MaxListenersExceededWarning');
  }, 30_000);

  it('keeps the caller signal for a call that waited on the half-open trial call', async () => {
    const resilience = new SportsApiResilience(options);
    // One transient failure opens the circuit.
    await expect(
      resilience.execute(() => Promise.reject(new UpstreamStatusError('GET', '/sports', 503)), { idempotent: true }),
    ).rejects.toThrow();
    expect(resilience.breakerState).toBe('open');
    await new Promise((r) => setTimeout(r, options.halfOpenAfterMs + 20));

    // The trial call is held open; a second caller queues behind it.
    let finishTrial!: (value: string) => void;
    const trial = resilience.execute(() => new Promise<string>((resolve) => (finishTrial = resolve)), { idempotent: true });
    expect(resilience.breakerState).toBe('half_open');
    const caller = new AbortController();
    const seen: AbortSignal[] = [];
    const waiting = resilience.execute(untilAborted(seen), { idempotent: true, signal: caller.signal });

    finishTrial('ok');
    await expect(trial).resolves.toBe('ok');
    // The waiting call now runs its attempt; the turn that made it stops.
    for (let i = 0; i < 10 && seen.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
    caller.abort(new Error('turn stopped'));
    const settled = await Promise.race([
      waiting.then(
        () => 'resolved',
        () => 'rejected',
      ),
      new Promise((r) => setTimeout(() => r('still running'), 500)),
    ]);
    expect(settled).toBe('rejected');
    expect(seen[0].aborted).toBe(true);
  });
});
