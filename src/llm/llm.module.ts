import { Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { llmConfig } from '../config/configuration';
import { HealthIndicators } from '../health/health-indicators';
import { MetricsService } from '../metrics/metrics.service';
import { SportsApiModule } from '../sports-api/sports-api.module';
import { SportsQueries } from '../sports-api/sports-queries.service';
import { DEFAULT_AGENT_OPTIONS, AgentOptions } from './agent/agent.options';
import { Agent } from './agent/agent.types';
import { ToolCallingAgent } from './agent/tool-calling.agent';
import { createChatModel, describeEngine } from './model/chat-model.factory';
import { ModelCallLimiter } from './model/model-call-limiter';
import { STEP_FINISHES } from './model/step-finish';
import { BettingTools } from './tools/betting-tools';
import { ToolNameResolver } from './tools/name-resolver';
import { SportsData } from './tools/sports-data.port';

/**
 * The agent and everything it runs on: the chat model chosen by LLM_PROVIDER and the betting tools
 * over the cached sports facade.
 */
@Module({
  imports: [SportsApiModule],
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
        maxWaitMs: settings.maxWaitMs,
      }),
    },
    // GEMINI_REQUESTS_PER_MINUTE is the Gemini quota; the offline engine has none.
    {
      provide: ModelCallLimiter,
      inject: [llmConfig.KEY],
      useFactory: (settings: ConfigType<typeof llmConfig>) =>
        new ModelCallLimiter(settings.provider === 'gemini' ? settings.requestsPerMinute : 0),
    },
    { provide: Agent, useClass: ToolCallingAgent },
  ],
  exports: [Agent],
})
export class LlmModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(llmConfig.KEY) private readonly settings: ConfigType<typeof llmConfig>,
    private readonly healthIndicators: HealthIndicators,
    private readonly agent: Agent,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const { llmFinishes } = this.metrics;
    // Every reason is exported from the start, so a rate over a reason not yet seen reads 0, not nothing.
    for (const reason of STEP_FINISHES) llmFinishes.inc({ reason }, 0);
    // A test may put another Agent behind the token; only the tool-calling loop has replies to count.
    if (this.agent instanceof ToolCallingAgent) this.agent.onStepFinish((reason) => llmFinishes.inc({ reason }));
  }

  onApplicationBootstrap(): void {
    const engine = describeEngine(this.settings);
    // Shown on /health as the configured engine: the check never spends a model call.
    this.healthIndicators.registerDependency(() => Promise.resolve({ llm: { status: 'up', ...engine } }));
  }
}
