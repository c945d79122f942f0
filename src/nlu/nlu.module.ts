import { Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SportsApiModule } from '../sports-api/sports-api.module';
import { SportsQueries } from '../sports-api/sports-queries.service';
import { NluService } from './nlu.service';
import { LanguageUnderstanding } from './nlu.types';

const CATALOGUE_RETRY_MS = 15_000;

/**
 * Local language understanding: language, intent, entities and follow-ups, behind the
 * LanguageUnderstanding port. Names resolve against the seed catalogue until the sports API's own
 * catalogue has loaded; boot does not wait for it, and a failed load is retried.
 */
@Module({
  imports: [SportsApiModule],
  providers: [NluService, { provide: LanguageUnderstanding, useExisting: NluService }],
  exports: [LanguageUnderstanding],
})
export class NluModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NluModule.name);
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly queries: SportsQueries,
    private readonly nlu: NluService,
  ) {}

  onApplicationBootstrap(): void {
    void this.loadCatalogue();
  }

  onModuleDestroy(): void {
    clearTimeout(this.retryTimer);
  }

  private async loadCatalogue(): Promise<void> {
    try {
      const { data, stale } = await this.queries.catalogue();
      this.nlu.useCatalogue(data);
      this.logger.log(
        `NLU catalogue loaded: ${data.teams.length} teams, ${data.tournaments.length} tournaments${stale ? ' (partial)' : ''}`,
      );
      if (stale) this.scheduleRetry();
    } catch (error) {
      this.logger.warn(
        `catalogue not available yet (${(error as Error).message}); retrying in ${CATALOGUE_RETRY_MS / 1000}s`,
      );
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.loadCatalogue(), CATALOGUE_RETRY_MS);
    this.retryTimer.unref();
  }
}
