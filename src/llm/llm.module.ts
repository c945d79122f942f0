import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { llmConfig } from '../config/configuration';
import { ReadinessIndicators } from '../health/readiness-indicators';
import { SportsApiModule } from '../sports-api/sports-api.module';
import { SportsQueries } from '../sports-api/sports-queries.service';
import { DEFAULT_AGENT_OPTIONS, AgentOptions } from './agent/agent.options';
import { Agent } from './agent/agent.types';
import { ToolCallingAgent } from './agent/tool-calling.agent';
import { createChatModel, describeEngine } from './model/chat-model.factory';
import { NluModule } from './nlu/nlu.module';
import { NluService } from './nlu/nlu.service';
import { BettingTools } from './tools/betting-tools';
import { ToolNameResolver } from './tools/name-resolver';
import { SportsData } from './tools/sports-data.port';

const CATALOGUE_RETRY_MS = 15_000;

/**
 * The agent and everything it runs on: the chat model chosen by LLM_PROVIDER, the betting tools
 * over the cached sports facade, and the NLU (re-exported so the chat layer gets both here).
 */
@Module({
  imports: [SportsApiModule, NluModule],
  providers: [
    {
      provide: BaseChatModel,
      inject: [llmConfig.KEY],
      useFactory: (settings: ConfigType<typeof llmConfig>) => createChatModel(settings),
    },
    // SportsQueries already has the port's exact signatures; the factory makes the compiler check it.
    {
      provide: SportsData,
      inject: [SportsQueries],
      useFactory: (queries: SportsQueries): SportsData => queries,
    },
    {
      provide: BettingTools,
      inject: [SportsData],
      useFactory: (data: SportsData) => new BettingTools(data, new ToolNameResolver(data)),
    },
    {
      provide: AgentOptions,
      inject: [llmConfig.KEY],
      useFactory: (settings: ConfigType<typeof llmConfig>): AgentOptions => ({
        ...DEFAULT_AGENT_OPTIONS,
        modelTimeoutMs: settings.timeoutMs,
        maxRetries: settings.maxRetries,
      }),
    },
    { provide: Agent, useClass: ToolCallingAgent },
  ],
  exports: [Agent, NluModule],
})
export class LlmModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LlmModule.name);
  private retryTimer?: NodeJS.Timeout;

  constructor(
    @Inject(llmConfig.KEY) private readonly settings: ConfigType<typeof llmConfig>,
    private readonly readiness: ReadinessIndicators,
    private readonly queries: SportsQueries,
    private readonly nlu: NluService,
  ) {}

  onApplicationBootstrap(): void {
    const engine = describeEngine(this.settings);
    // Ready means "configured": the check never spends a model call.
    this.readiness.register(() => Promise.resolve({ llm: { status: 'up', ...engine } }));
    // The NLU resolves names against the sports API's catalogue; boot does not wait for it.
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
