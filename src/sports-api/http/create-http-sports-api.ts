import { HttpSportsApi } from './http-sports-api';
import { SportsApiResilience } from './sports-api.resilience';
import { SportsApiClientOptions } from './sports-api-client.options';
import { SportsApiTokenManager } from './sports-api-token.manager';
import { SportsApiTransport } from './sports-api.transport';

export interface HttpSportsApiParts {
  api: HttpSportsApi;
  resilience: SportsApiResilience;
  transport: SportsApiTransport;
  tokens: SportsApiTokenManager;
  options: SportsApiClientOptions;
}

/** The same wiring SportsApiModule does, for tests and benchmarks that run without Nest. */
export function createHttpSportsApi(values: Partial<SportsApiClientOptions>): HttpSportsApiParts {
  const options = new SportsApiClientOptions(values);
  const resilience = new SportsApiResilience(options);
  const transport = new SportsApiTransport(options, resilience);
  const tokens = new SportsApiTokenManager(transport, options);
  return { api: new HttpSportsApi(transport, tokens, options), resilience, transport, tokens, options };
}
