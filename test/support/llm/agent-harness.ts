import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { emptyEntities, type Entities, type Intent, type Language } from '../../../src/common/protocol';
import { type AgentOptions, DEFAULT_AGENT_OPTIONS } from '../../../src/llm/agent/agent.options';
import type { AgentEvent, AgentResult } from '../../../src/llm/agent/agent.types';
import { ToolCallingAgent } from '../../../src/llm/agent/tool-calling.agent';
import { ModelCallLimiter } from '../../../src/llm/model/model-call-limiter';
import { OfflineChatModel } from '../../../src/llm/offline/offline-chat-model';
import { BettingTools } from '../../../src/llm/tools/betting-tools';
import { ToolNameResolver } from '../../../src/llm/tools/name-resolver';
import type { SportsData } from '../../../src/llm/tools/sports-data.port';

export interface TurnSpec {
  message: string;
  intent: Intent;
  language?: Language;
  entities?: Partial<Entities>;
  userId?: string;
}

export interface TurnOutcome {
  result: AgentResult;
  events: AgentEvent[];
}

/** An agent wired like the module wires it, over any SportsData and chat model. */
export function buildAgent(
  data: SportsData,
  model: BaseChatModel = new OfflineChatModel({}),
  options: Partial<AgentOptions> = {},
  limiter = ModelCallLimiter.unlimited(),
) {
  const agent = new ToolCallingAgent(
    model,
    new BettingTools(data, new ToolNameResolver(data)),
    { ...DEFAULT_AGENT_OPTIONS, ...options },
    limiter,
  );
  return {
    agent,
    async turn(
      spec: TurnSpec,
      signal: AbortSignal = new AbortController().signal,
      onEvent?: (e: AgentEvent) => void,
    ): Promise<TurnOutcome> {
      const events: AgentEvent[] = [];
      const language = spec.language ?? 'en';
      const result = await agent.run(
        {
          userId: spec.userId ?? 'user-1',
          sessionId: 's-1',
          messageId: 'm-1',
          message: spec.message,
          language,
          nlu: {
            language,
            intent: spec.intent,
            confidence: 0.9,
            entities: { ...emptyEntities(), ...spec.entities },
            inherited: false,
          },
          history: [],
        },
        (event) => {
          events.push(event);
          onEvent?.(event);
        },
        signal,
      );
      return { result, events };
    },
  };
}
