import { setTimeout as sleep } from 'node:timers/promises';
import { LlmUnavailableError } from '../../common/errors';

/**
 * One budget of model requests for the whole process (GEMINI_REQUESTS_PER_MINUTE; 0 = no limit),
 * so a burst of turns queues for the provider's per-minute quota instead of running into its 429s
 * and spending retries on them. A call takes the earliest start at which no more than `perMinute`
 * calls started in any window of `windowMs`: the way the quota itself counts. Reserving that
 * start at once keeps the order of arrival and tells a caller how long it would wait, so a call
 * the turn cannot wait for is refused immediately, with when to come back.
 *
 * Hand-written because nothing in our dependencies does this: cockatiel has no rate limiter, and
 * a queue with an interval cap (p-queue) cannot say how long a queued call will wait.
 */
export class ModelCallLimiter {
  /** Reserved start times, ascending; those older than a window are dropped as calls come. */
  private readonly starts: number[] = [];

  constructor(
    readonly perMinute: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  static unlimited(): ModelCallLimiter {
    return new ModelCallLimiter(0);
  }

  /**
   * Waits for this call's turn and resolves with how long it waited. A turn further away than
   * `maxWaitMs` is refused at once with LLM_UNAVAILABLE carrying the wait; a call stopped while
   * queued gives its turn back to the calls behind it.
   */
  async acquire(maxWaitMs: number, signal: AbortSignal): Promise<number> {
    if (this.perMinute <= 0) return 0;
    signal.throwIfAborted();
    const now = this.now();
    while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs) this.starts.shift();
    const full = this.starts.length >= this.perMinute;
    const start = full ? Math.max(now, this.starts[this.starts.length - this.perMinute] + this.windowMs) : now;
    const wait = start - now;
    if (wait > maxWaitMs) {
      throw new LlmUnavailableError(undefined, {
        cause: new Error(`model request limit (${this.perMinute}/min) is reached for ${Math.ceil(wait)} ms, the turn can wait ${maxWaitMs} ms`),
        retryAfterMs: wait,
      });
    }
    this.insert(start);
    if (wait <= 0) return 0;
    try {
      await sleep(wait, undefined, { signal });
    } catch (error) {
      this.starts.splice(this.starts.indexOf(start), 1);
      throw error;
    }
    return wait;
  }

  /** Keeps `starts` ascending: a turn handed back lets a later call take an earlier start. */
  private insert(start: number): void {
    let i = this.starts.length;
    while (i > 0 && this.starts[i - 1] > start) i--;
    this.starts.splice(i, 0, start);
  }
}
