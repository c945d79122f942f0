import type { AgentOptions } from '../../../src/llm/agent/agent.options';
import { createChatModel, type LlmSettings } from '../../../src/llm/model/chat-model.factory';
import { ModelCallLimiter } from '../../../src/llm/model/model-call-limiter';
import type { GeminiTestServer } from '../gemini-server';
import { buildAgent } from './agent-harness';
import { FakeSportsData } from './fake-sports-data';

/** The gemini engine's settings, pointed at the local Gemini server. */
export function geminiSettings(server: GeminiTestServer, overrides: Partial<LlmSettings> = {}): LlmSettings {
  return {
    provider: 'gemini',
    googleApiKey: 'test-google-key',
    model: 'gemini-2.5-flash',
    temperature: 0.2,
    baseUrl: server.url,
    thinkingBudget: 0,
    maxOutputTokens: 1024,
    timeoutMs: 5_000,
    maxRetries: 2,
    maxWaitMs: 10_000,
    requestsPerMinute: 0,
    ...overrides,
  };
}

/**
 * An agent on the real Gemini adapter (as the app builds it) talking to the local server, with
 * its own request limiter from the settings; retries wait little.
 */
export function geminiAgent(
  server: GeminiTestServer,
  data = new FakeSportsData(),
  overrides: Partial<LlmSettings> = {},
  options: Partial<AgentOptions> = {},
) {
  const s = geminiSettings(server, overrides);
  return buildAgent(
    data,
    createChatModel(s),
    { modelTimeoutMs: s.timeoutMs, maxRetries: s.maxRetries, maxWaitMs: s.maxWaitMs, retryInitialDelayMs: 20, ...options },
    new ModelCallLimiter(s.requestsPerMinute),
  );
}
