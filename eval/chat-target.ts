import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type INestApplicationContext, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AppModule } from '../src/app.module';
import { ChatService } from '../src/chat/chat.service';
import { RunningTurns } from '../src/chat/running-turns';
import { llmConfig } from '../src/config/configuration';
import { GatewayModule } from '../src/gateway/gateway.module';
import { AgentOptions } from '../src/llm/agent/agent.options';
import { Agent } from '../src/llm/agent/agent.types';
import { ToolCallingAgent } from '../src/llm/agent/tool-calling.agent';
import { isGrounded } from '../src/llm/grounding/groundedness';
import { NluService } from '../src/nlu/nlu.service';
import { describeEngine } from '../src/llm/model/chat-model.factory';
import { SportsApiEndpoint } from '../src/sports-api/sports-api.endpoint';
import { SportsQueries } from '../src/sports-api/sports-queries.service';
import { BettingTools } from '../src/llm/tools/betting-tools';
import type { EvalPrediction } from './eval-case';
import type { EvalTarget } from './eval-target';
import { RecordingAgent, TimedNluService } from './turn-recorders';

/** Env of an eval run: the embedded simulator and the offline engine (their defaults), quiet, unthrottled. */
export const EVAL_ENV: Record<string, string> = {
  ENVIRONMENT: 'test',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000',
  SOCKET_MESSAGES_PER_MINUTE: '1000000',
  SIMULATOR_PORT: '0',
};

/** The simulator's routes that would move money; the eval must never see them called. */
const BET_PLACING_PATHS = ['/place-bet', '/place-combo-bet', '/add-bet-to-combo'];

/** The demo user the simulator knows (any id works; this one matches its examples). */
const EVAL_USER = '1858035947';

/** Stands in for the GatewayModule: the eval drives ChatService directly. */
@Module({})
class NoTransportsModule {}

/**
 * The whole chat pipeline in-process, no server: the real AppModule (config, cache, sports API on
 * the embedded simulator, NLU, agent on the offline engine unless GOOGLE_API_KEY says otherwise),
 * driven through ChatService.reply like the REST transport does; the socket gateways are left out.
 * Only two things are wrapped:
 * the Agent (to keep the raw tool results for `grounded`) and the NLU (to time it).
 */
export class ChatEvalTarget implements EvalTarget {
  readonly name = 'chat';
  private readonly sessions = new Set<string>();

  private constructor(
    private readonly app: INestApplicationContext,
    private readonly chat: ChatService,
    private readonly turns: RunningTurns,
    private readonly agent: RecordingAgent,
    private readonly nlu: TimedNluService,
    private readonly simulatorUrl: string | undefined,
    readonly engine: string,
  ) {}

  static async boot(env: Record<string, string> = {}): Promise<ChatEvalTarget> {
    for (const [key, value] of Object.entries({ ...EVAL_ENV, ...env })) process.env[key] ??= value;
    // Configuration namespaces read the env when the modules are built, so setting it here is in time.
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .setLogger({ log() {}, error() {}, warn() {} })
      // No transports: the eval talks to ChatService, and the gateways would want an HTTP server.
      .overrideModule(GatewayModule)
      .useModule(NoTransportsModule)
      .overrideProvider(Agent)
      .useFactory({
        inject: [BaseChatModel, BettingTools, AgentOptions],
        factory: (model: BaseChatModel, tools: BettingTools, options: AgentOptions) =>
          new RecordingAgent(new ToolCallingAgent(model, tools, options)),
      })
      .overrideProvider(NluService)
      .useClass(TimedNluService)
      .compile();
    const app = await moduleRef.init();
    // Boot loads the NLU catalogue in the background; the eval must not start before it is there.
    const { data } = await app.get(SportsQueries).catalogue();
    app.get(NluService).useCatalogue(data);
    const endpoint = app.get(SportsApiEndpoint);
    const engine = describeEngine(app.get<ConfigType<typeof llmConfig>>(llmConfig.KEY));
    return new ChatEvalTarget(
      app,
      app.get(ChatService),
      app.get(RunningTurns),
      // The overrides above put these classes behind the tokens.
      app.get<Agent, RecordingAgent>(Agent),
      app.get<NluService, TimedNluService>(NluService),
      endpoint.embedded ? endpoint.baseUrl : undefined,
      JSON.stringify(engine),
    );
  }

  newSession(): string {
    const id = randomUUID();
    this.sessions.add(id);
    return id;
  }

  async send(sessionId: string, text: string): Promise<EvalPrediction> {
    const messageId = randomUUID();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // Like an HTTP client that gives up after 30 s: the turn belongs to this "connection".
    const connection = {};
    const timer = setTimeout(() => this.turns.connectionClosed(connection), 30_000);
    const response = await this.chat
      .reply({ userId: EVAL_USER, sessionId, messageId, message: text, transport: 'rest' }, connection)
      .finally(() => clearTimeout(timer));
    const turnMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const toolResults = this.agent.take(messageId);
    const grounding = isGrounded(response.message, toolResults, text);
    const toolMs = response.function_calls_made.reduce((sum, call) => sum + call.duration_ms, 0);
    return {
      detected_intent: response.detected_intent,
      intent_confidence: response.intent_confidence,
      entities: response.entities,
      language: response.language,
      answer: response.message,
      function_calls_made: response.function_calls_made,
      grounded: grounding.grounded,
      ...(grounding.grounded ? {} : { ungrounded: grounding.ungrounded }),
      // What the runtime guard corrected in the streamed answer (the offline engine should need none).
      ...(response.grounding ? { guard_corrected: response.grounding } : {}),
      ...(response.degraded ? { degraded: true } : {}),
      latency_ms: this.nlu.lastMs,
      cpu_ms: this.nlu.lastCpuMs,
      turn: { wallMs: turnMs, toolMs, cpuMs: (cpu.user + cpu.system) / 1000 },
    };
  }

  /** Calls that would place a real bet, as the embedded simulator counted them (undefined on a real API). */
  async betsPlaced(): Promise<number | undefined> {
    if (!this.simulatorUrl) return undefined;
    const response = await fetch(`${this.simulatorUrl}/__admin/stats`);
    const stats = (await response.json()) as { byPath: Record<string, number> };
    return BET_PLACING_PATHS.reduce((sum, path) => sum + (stats.byPath[path] ?? 0), 0);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
