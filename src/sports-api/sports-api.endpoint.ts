import { type FactoryProvider, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { startSimulator } from '../../libs/sports-api-simulator/src';
import { sportsApiConfig } from '../config/configuration';

/**
 * Where the ChatBet API lives. With CHATBET_API_BASE_URL set it is that URL; without it, the
 * simulator is started in-process (own port, SIMULATOR_PORT, 0 = ephemeral) so `npm start`
 * needs nothing else, and it is closed with the module.
 */
export class SportsApiEndpoint implements OnModuleDestroy {
  constructor(
    readonly baseUrl: string,
    readonly embedded: boolean,
    private readonly stop: () => Promise<void> = async () => undefined,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}

export const sportsApiEndpointProvider: FactoryProvider<SportsApiEndpoint> = {
  provide: SportsApiEndpoint,
  inject: [sportsApiConfig.KEY],
  useFactory: async (config: ConfigType<typeof sportsApiConfig>) => {
    const logger = new Logger('SportsApi');
    if (config.baseUrl) {
      logger.log(`using the ChatBet API at ${config.baseUrl}`);
      return new SportsApiEndpoint(config.baseUrl, false);
    }
    const simulator = await startSimulator({ port: config.simulatorPort, host: '127.0.0.1' });
    logger.log(`CHATBET_API_BASE_URL is unset: using the embedded simulator at ${simulator.url}`);
    return new SportsApiEndpoint(simulator.url, true, () => simulator.close());
  },
};
