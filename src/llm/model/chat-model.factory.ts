import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { llmConfig } from '../../config/configuration';
import { OfflineChatModel } from '../offline/offline-chat-model';
import { GeminiChatModel } from './gemini-chat-model';
import { geminiStepChunks } from './gemini-step-stream';
import { adaptGeminiClient } from './gemini-stream-transport';
import { streamStepsDirectly } from './langchain-fast-path';

export type LlmSettings = ConfigType<typeof llmConfig>;

/**
 * Builds the chat model `LLM_PROVIDER` names. Retries are left to the agent (it knows whether
 * text already reached the user) so the SDK makes exactly one attempt per call; timeouts too,
 * because the agent measures silence on the stream rather than the whole answer.
 */
export function createChatModel(settings: LlmSettings, logger = new Logger('LlmModule')): BaseChatModel {
  if (settings.provider === 'gemini') {
    if (!settings.googleApiKey) throw new Error('LLM_PROVIDER=gemini needs GOOGLE_API_KEY');
    logger.log(`LLM engine: gemini (${settings.model}${settings.baseUrl ? ` via ${settings.baseUrl}` : ''})`);
    const model = new GeminiChatModel({
      model: settings.model,
      apiKey: settings.googleApiKey,
      temperature: settings.temperature,
      maxOutputTokens: settings.maxOutputTokens,
      thinkingConfig: { thinkingBudget: settings.thinkingBudget },
      maxRetries: 0,
      streaming: true,
      streamUsage: true,
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl.replace(/\/+$/, '') } : {}),
    });
    adaptGeminiClient(model);
    streamStepsDirectly(model, (messages, options) => geminiStepChunks(model, messages, options));
    return model;
  }
  logger.log('LLM engine: offline (deterministic local engine, no external model)');
  return new OfflineChatModel({});
}

export function describeEngine(settings: LlmSettings): { provider: string; model: string } {
  return {
    provider: settings.provider,
    model: settings.provider === 'gemini' ? settings.model : 'offline-templates',
  };
}
