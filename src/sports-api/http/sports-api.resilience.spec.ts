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
