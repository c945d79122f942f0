import { Module, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { CacheModule } from '../cache/cache.module';
import { sportsApiConfig } from '../config/configuration';
import { HealthIndicators } from '../health/health-indicators';
import { MetricsService } from '../metrics/metrics.service';
import { HttpSportsApi } from './http/http-sports-api';
import { type BreakerState, SportsApiResilience } from './http/sports-api.resilience';
import { SportsApiClientOptions } from './http/sports-api-client.options';
import { SportsApiTokenManager } from './http/sports-api-token.manager';
import { SportsApiTransport } from './http/sports-api.transport';
import { SportsApiEndpoint, sportsApiEndpointProvider } from './sports-api.endpoint';
import { SportsApiHealthIndicator } from './sports-api.health';
import { SportsApi } from './sports-api.port';
import { SportsQueries } from './sports-queries.service';

/**
 * Client options from config and the resolved endpoint. Exported so tests can override only the
 * delays (`overrideProvider(SportsApiClientOptions).useFactory(clientOptionsFactory({...}))`)
 * while everything else stays as production builds it.
 */
export function clientOptionsFactory(overrides: Partial<SportsApiClientOptions> = {}) {
  return {
    inject: [sportsApiConfig.KEY, SportsApiEndpoint],
    factory: (config: ConfigType<typeof sportsApiConfig>, endpoint: SportsApiEndpoint) =>
      new SportsApiClientOptions({
        baseUrl: endpoint.baseUrl,
        userKey: config.userKey,
        timeoutMs: config.timeoutMs,
        attempts: config.attempts,
        retryInitialDelayMs: config.retryInitialDelayMs,
        breakerThreshold: config.breakerThreshold,
        halfOpenAfterMs: config.halfOpenAfterMs,
        ...overrides,
      }),
  };
}

const productionClientOptions = clientOptionsFactory();

/** chatbet_sports_api_breaker_state's encoding; an isolated (manually held open) circuit is open. */
const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2, isolated: 2 };

/**
 * The ChatBet API for the rest of the app: the `SportsApi` port (HTTP adapter with token,
 * timeout, retry and circuit breaker), the cached `SportsQueries` facade, and the `sports_api`
 * dependency check on `/health` (not readiness: protocol.md §2). It feeds its own metrics (upstream attempts, breaker state) at init.
 */
@Module({
  imports: [CacheModule, TerminusModule],
  providers: [
    sportsApiEndpointProvider,
    {
      provide: SportsApiClientOptions,
      inject: productionClientOptions.inject,
      useFactory: productionClientOptions.factory,
    },
    SportsApiResilience,
    SportsApiTransport,
    {
      provide: SportsApiTokenManager,
      inject: [SportsApiTransport, SportsApiClientOptions],
      useFactory: (transport: SportsApiTransport, options: SportsApiClientOptions) =>
        new SportsApiTokenManager(transport, options),
    },
    { provide: SportsApi, useClass: HttpSportsApi },
    SportsQueries,
    SportsApiHealthIndicator,
  ],
  exports: [SportsApi, SportsQueries, SportsApiHealthIndicator],
})
export class SportsApiModule implements OnModuleInit {
  constructor(
    private readonly healthIndicators: HealthIndicators,
    private readonly health: SportsApiHealthIndicator,
    private readonly metrics: MetricsService,
    private readonly transport: SportsApiTransport,
    private readonly resilience: SportsApiResilience,
  ) {}

  onModuleInit(): void {
    this.healthIndicators.registerDependency(() => this.health.check());
    const { sportsApiCalls, breakerState } = this.metrics;
    this.transport.onExchange((endpoint, status) => sportsApiCalls.inc({ endpoint, status: String(status) }));
    breakerState.set(BREAKER_GAUGE[this.resilience.breakerState]);
    this.resilience.onBreakerStateChange((state) => breakerState.set(BREAKER_GAUGE[state]));
  }
}
