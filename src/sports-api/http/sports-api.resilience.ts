import { setMaxListeners } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  type IDisposable,
  type IPolicy,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { neverAbortedSignal } from 'cockatiel/dist/common/abort';
import { linkSignals } from '../../common/abort';
import { SportsApiClientOptions } from './sports-api-client.options';
import { isTransientFailure } from './upstream-errors';

export type BreakerState = 'closed' | 'open' | 'half_open' | 'isolated';

// Calls made without a signal, and the calls that waited on a half-open trial (see execute()
// below), run from cockatiel's one shared never-aborted signal, each attempt's timeout hanging a
// listener on it until the attempt ends: eleven at once made Node print a leak warning that was not
// a leak. cockatiel 3 does not export the signal, hence the internal path (pinned to 3.x).
setMaxListeners(Infinity, neverAbortedSignal);

function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.Open:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half_open';
    case CircuitState.Isolated:
      return 'isolated';
  }
}

/**
 * The cockatiel policies around every sports-API call, shared by all calls of one client so the
 * circuit breaker sees the whole traffic:
 *   idempotent GETs: retry (jittered exponential backoff) → breaker → timeout per attempt
 *   everything else: breaker → timeout (a bet is never sent twice)
 * The timeout is cooperative: the attempt's fetch is aborted through the signal it receives and
 * reports the timeout itself, so the log line can name the path and the limit.
 */
@Injectable()
export class SportsApiResilience {
  private readonly logger = new Logger('SportsApi');
  private readonly breaker;
  private readonly retries;
  private readonly idempotent: IPolicy;
  private readonly single: IPolicy;

  constructor(options: SportsApiClientOptions) {
    const failures = handleWhen(isTransientFailure);
    this.breaker = circuitBreaker(failures, {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    const perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Cooperative);
    const retries = (this.retries = retry(failures, {
      maxAttempts: Math.max(0, options.attempts - 1),
      backoff: new ExponentialBackoff({
        initialDelay: options.retryInitialDelayMs,
        maxDelay: options.retryMaxDelayMs,
      }),
    }));
    retries.onRetry(({ delay, attempt, ...reason }) => {
      const why = 'error' in reason ? reason.error.message : 'bad result';
      this.logger.warn(
        `retrying sports API call (retry ${attempt} in ${Math.round(delay)} ms) after: ${why}`,
      );
    });
    this.breaker.onBreak(() =>
      this.logger.error(
        `sports API circuit opened after ${options.breakerThreshold} consecutive failures; next trial call in ${options.halfOpenAfterMs} ms`,
      ),
    );
    this.breaker.onHalfOpen(() =>
      this.logger.warn('sports API circuit half-open: letting one trial call through'),
    );
    this.breaker.onReset(() => this.logger.log('sports API circuit closed again'));
    this.idempotent = wrap(retries, this.breaker, perAttempt);
    this.single = wrap(this.breaker, perAttempt);
  }

  get breakerState(): BreakerState {
    return toBreakerState(this.breaker.state);
  }

  /** For metrics: called with every breaker transition. */
  onBreakerStateChange(listener: (state: BreakerState) => void): IDisposable {
    return this.breaker.onStateChange((state) => listener(toBreakerState(state)));
  }

  /** For metrics and tests: called before each retry of an idempotent call. */
  onRetry(listener: (attempt: number) => void): IDisposable {
    return this.retries.onRetry(({ attempt }) => listener(attempt));
  }

  /**
   * Runs one upstream call. `attempt` receives the signal to hand to fetch: it fires on the
   * per-attempt timeout or when the caller's own signal aborts.
   */
  execute<T>(
    attempt: (signal: AbortSignal) => Promise<T>,
    options: { idempotent: boolean; signal?: AbortSignal },
  ): Promise<T> {
    const policy = options.idempotent ? this.idempotent : this.single;
    const caller = options.signal;
    return policy.execute(({ signal }) => {
      // cockatiel 3 re-runs a call that waited on a half-open circuit without its signal
      // (`return this.execute(fn)` in CircuitBreakerPolicy), so an attempt could outlive a stopped
      // turn until its timeout; the caller's signal is tied back in on every attempt (only calls
      // that reach the API get here: cached answers never do). Fixed upstream in cockatiel 4
      // (PR #112), which is ESM-only and needs Node 22.
      if (!caller) return attempt(signal);
      const linked = linkSignals([signal, caller]);
      return attempt(linked.signal).finally(linked.dispose);
    }, caller);
  }
}
