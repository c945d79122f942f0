import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CacheService } from '../cache/cache.service';
import { withTimeout } from '../common/timeout';
import { SportsApiResilience } from './http/sports-api.resilience';
import { SportsApi } from './sports-api.port';

/** Readiness waits at most this long for the probe; the probe itself is cached for 5 s. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * `sports_api` readiness: a cheap probe (GET /sports) through the circuit breaker and the
 * short-lived `probe` cache namespace, so readiness polling costs the API at most one
 * call per few seconds per instance. A stale answer means the API just failed: down as well.
 */
@Injectable()
export class SportsApiHealthIndicator {
  constructor(
    private readonly api: SportsApi,
    private readonly resilience: SportsApiResilience,
    private readonly cache: CacheService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'sports_api') {
    const indicator = this.health.check(key);
    if (this.resilience.breakerState === 'isolated') return indicator.down({ breaker: 'isolated', message: 'circuit isolated' });
    // An open circuit does not short-cut the probe: the breaker itself refuses it locally until the
    // half-open delay has passed, then lets it through as the trial call. Returning early here
    // would keep an instance that gets no traffic (because it is not ready) unready forever.
    try {
      const probe = this.cache.getOrSet('probe', ['sports_api'], () => this.api.getSports());
      const { stale } = await withTimeout(probe, PROBE_TIMEOUT_MS, 'sports API readiness probe');
      // Still open after the probe: it was refused, or answered from the probe cache (not a trial).
      const breaker = this.resilience.breakerState;
      if (breaker === 'open') return indicator.down({ breaker, message: 'circuit open' });
      if (stale) return indicator.down({ breaker, message: 'sports API failed; serving stale data' });
      return indicator.up({ breaker });
    } catch (error) {
      const breaker = this.resilience.breakerState;
      return indicator.down({ breaker, message: breaker === 'open' ? 'circuit open' : describe(error) });
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
