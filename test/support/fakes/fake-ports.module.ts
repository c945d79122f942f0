import { Global, Module } from '@nestjs/common';
import { Agent } from '../../../src/llm/agent/agent.types';
import { LanguageUnderstanding } from '../../../src/nlu/nlu.types';
import { SportsApi } from '../../../src/sports-api/sports-api.port';
import { CacheModule } from '../../../src/cache/cache.module';
import { SportsQueries } from '../../../src/sports-api/sports-queries.service';

const unset = (port: string) => ({
  get: () => {
    throw new Error(`${port} was not overridden in this test`);
  },
});

/**
 * Stands in for LlmModule, NluModule and SportsApiModule (via overrideModule) in tests of the chat transports:
 * it only declares the three ports ChatModule depends on, and every test overrides them with fakes.
 * SportsQueries (what live updates read) is the real one, over whatever SportsApi the test gives.
 */
@Global()
@Module({
  imports: [CacheModule],
  providers: [
    SportsQueries,
    { provide: Agent, useValue: unset('Agent') },
    { provide: LanguageUnderstanding, useValue: unset('LanguageUnderstanding') },
    { provide: SportsApi, useValue: unset('SportsApi') },
  ],
  exports: [Agent, LanguageUnderstanding, SportsApi, SportsQueries],
})
export class FakePortsModule {}
