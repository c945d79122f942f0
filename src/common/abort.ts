import { setMaxListeners } from 'node:events';

/** An abort signal made of others, released with `dispose()` when the work it guards ends. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** True when the deadline, not a source, aborted the signal. */
  readonly timedOut: boolean;
  /** Unhooks from the sources and clears the deadline; the signal stays as it is. */
  dispose(): void;
  /** Restarts the deadline from now (a watchdog that is fed on every sign of life). */
  refresh(): void;
  /** Sets a deadline `ms` from now, replacing any other: one signal can guard several phases in turn. */
  arm(ms: number): void;
  /** Clears the deadline without aborting (between phases). */
  disarm(): void;
}

/**
 * A signal that aborts, with the first reason, as soon as any source does, or after `timeoutMs`.
 * It replaces `AbortSignal.any` and `AbortSignal.timeout` on the per-turn path: on Node 20 they
 * keep weak references and a finalization registry per signal, dear on a path every turn takes
 * (bench/RESULTS.md); most of what is left here is the AbortController itself, so a turn makes as
 * few as it can. Listeners are removed on dispose, so a long-lived source does not gather one per
 * turn.
 */
export function linkSignals(sources: AbortSignal[], timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  // Everything the guarded work starts in parallel listens to this one signal (a recommendation
  // fetches eight odds, each under a retry policy); listeners go when each call ends, so Node's
  // leak warning at eleven would be noise.
  setMaxListeners(Infinity, controller.signal);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = function (this: AbortSignal) {
    controller.abort(this.reason);
    release();
  };
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const release = () => {
    for (const source of sources) source.removeEventListener('abort', onAbort);
    disarm();
  };
  const arm = (ms: number) => {
    disarm();
    if (controller.signal.aborted) return;
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no result within ${ms} ms`, 'TimeoutError'));
      release();
    }, ms);
  };
  const already = sources.find((source) => source.aborted);
  if (already) {
    controller.abort(already.reason);
  } else {
    for (const source of sources) source.addEventListener('abort', onAbort);
    if (timeoutMs !== undefined) arm(timeoutMs);
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose: release,
    refresh: () => void timer?.refresh(),
    arm,
    disarm,
  };
}
