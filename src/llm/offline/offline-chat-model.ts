import { randomUUID } from 'node:crypto';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { memoizeByObject } from '../../common/memo';
import { writeAnswer } from './answer-writer';
import { readTurn } from './conversation';
import { type PlannedCall, planNextCalls } from './planner';

export interface OfflineCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

type Reply = { kind: 'tools'; calls: PlannedCall[] } | { kind: 'text'; text: string };

/**
 * The deterministic local engine (`LLM_PROVIDER=offline`). It is a real LangChain chat model:
 * the agent binds tools to it and streams it exactly like Gemini. On the user's turn it reads the
 * NLU hints the agent puts in the system message (see turn-hints.ts) and answers with real
 * `tool_calls`; once the tool results are in the conversation it writes a grounded answer from
 * templates, streamed as one chunk (the transports frame it).
 */
export class OfflineChatModel extends BaseChatModel<OfflineCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'OfflineChatModel';
  }

  _llmType(): string {
    return 'offline';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, OfflineCallOptions> {
    return this.withConfig({ tools, ...kwargs });
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const reply = this.reply(messages, options);
    const message =
      reply.kind === 'tools'
        ? new AIMessage({
            content: '',
            tool_calls: reply.calls.map((c) => ({ ...c, id: callId(), type: 'tool_call' as const })),
          })
        : new AIMessage(reply.text);
    return Promise.resolve({ generations: [{ text: reply.kind === 'text' ? reply.text : '', message }] });
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.reply(messages, options);
    if (reply.kind === 'tools') {
      yield new ChatGenerationChunk({
        text: '',
        // Whole calls, not call chunks: the planner's arguments are data already, and chunks would
        // be written out as JSON only for LangChain to parse them back (a partial-JSON parser).
        message: new AIMessageChunk({
          content: '',
          tool_calls: reply.calls.map((c) => ({ ...c, id: callId(), type: 'tool_call' as const })),
        }),
      });
      return;
    }
    // The whole answer is written at once, with no model to wait for, so it is one chunk: a
    // LangChain chunk and an agent delta per few words cost more than the rest of the step, and
    // the transports send text that exists at once as one frame anyway (DeltaCoalescer).
    if (options.signal?.aborted) return;
    // The string form: the fields form of AIMessageChunk's constructor takes a slow path (bench/RESULTS.md).
    const chunk = new ChatGenerationChunk({ text: reply.text, message: new AIMessageChunk(reply.text) });
    yield chunk;
    await runManager?.handleLLMNewToken(reply.text, undefined, undefined, undefined, undefined, { chunk });
  }

  private reply(messages: BaseMessage[], options: OfflineCallOptions): Reply {
    const turn = readTurn(messages);
    const toolsAllowed = (options.tools?.length ?? 0) > 0 && options.tool_choice !== 'none';
    if (toolsAllowed) {
      const offered = offeredNames(options.tools ?? []);
      const calls = planNextCalls(turn).filter((c) => offered.has(c.name));
      if (calls.length > 0) return { kind: 'tools', calls };
    }
    return { kind: 'text', text: writeAnswer(turn) };
  }
}

function callId(): string {
  return `call_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Tool names per bound tool list (the agent binds its tools once). */
const offeredNames = memoizeByObject((tools: BindToolsInput[]) => new Set(tools.map(toolName)));

function toolName(tool: BindToolsInput): string {
  const t = tool as { name?: string; function?: { name?: string } };
  return t.name ?? t.function?.name ?? '';
}
