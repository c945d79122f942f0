import { HealthIndicatorService } from '@nestjs/terminus';
import { createCache } from 'cache-manager';
import { CacheService } from '../cache/cache.service';
import { SportsApiUnavailableError } from '../common/errors';
import type { BreakerState, SportsApiResilience } from './http/sports-api.resilience';
import { SportsApiHealthIndicator } from './sports-api.health';
import type { SportsApi } from './sports-api.port';

function setup(breakerState: BreakerState, getSports: () => Promise<unknown>) {
  const api = { getSports: jest.fn(getSports) };
  const resilience = { breakerState } as SportsApiResilience;
  const cache = new CacheService(createCache(), {
    ttlSeconds: { tournaments: 60, fixtures: 60, odds: 30 },
    sessionTtlSeconds: 60,
  });
  const indicator = new SportsApiHealthIndicator(
    api as unknown as SportsApi,
    resilience,
    cache,
    new HealthIndicatorService(),
  );
  return { api, indicator };
}

describe('SportsApiHealthIndicator', () => {
  it('is up when the probe answers, and probes through the cache', async () => {
    const { api, indicator } = setup('closed', async () => [{ id: '1', name: 'Football' }]);
    expect(await indicator.check()).toEqual({ sports_api: { status: 'up', breaker: 'closed' } });
    await indicator.check();
    expect(api.getSports).toHaveBeenCalledTimes(1);
  });

  it('is down while the circuit is open even when the probe is answered from its cache', async () => {
    const { indicator } = setup('open', async () => [{ id: '1', name: 'Football' }]);
    expect(await indicator.check()).toEqual({
      sports_api: { status: 'down', breaker: 'open', message: 'circuit open' },
    });
  });

  it('is down while the circuit is open, probing through the breaker so it can recover without traffic', async () => {
    // The real breaker refuses the probe locally until its half-open delay, then lets it through.
    const { api, indicator } = setup('open', () => Promise.reject(new SportsApiUnavailableError()));
    expect(await indicator.check()).toEqual({
      sports_api: { status: 'down', breaker: 'open', message: 'circuit open' },
    });
    expect(api.getSports).toHaveBeenCalledTimes(1);
  });

  it('is down when the probe fails', async () => {
    const { indicator } = setup('closed', () => Promise.reject(new SportsApiUnavailableError()));
    const result = await indicator.check();
    expect(result.sports_api).toEqual({
      status: 'down',
      breaker: 'closed',
      message: expect.stringMatching(/unavailable/i),
    });
  });
});
