import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a real hosted model feels: a pause before the first token, then a steady token rate. */
export interface Pace {
  firstTokenMs: number;
  tokensPerSecond: number;
}

export const REALISTIC_PACE: Pace = { firstTokenMs: 300, tokensPerSecond: 40 };

/** A typical short chat answer: 40 word-sized tokens, ~230 characters. */
export const PACED_ANSWER_TOKENS: string[] = (
  'Arsenal play Chelsea on Saturday at 17:30 UTC in the Premier League. The current odds are 2.10 for ' +
  'Arsenal, 3.40 for the draw and 3.25 for Chelsea. A 10 unit stake on Arsenal would return 21 units ' +
  'if they win. Want me to prepare that bet?'
)
  .match(/\s*\S+/g)!
  .slice(0, 40);

/** What the model itself takes for one answer at this pace: the floor of any turn. */
export function pacedAnswerMs(pace: Pace, tokens = PACED_ANSWER_TOKENS.length): number {
  return pace.firstTokenMs + ((tokens - 1) * 1000) / pace.tokensPerSecond;
}

interface PacedCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

/**
 * A LangChain chat model that streams a fixed answer (never a tool call) at a realistic pace, so
 * the LLM-overhead bench measures what the service adds around the model and nothing else. It
 * records each call's own wall time: overhead = turn time seen by the client − model time.
 */
export class PacedChatModel extends BaseChatModel<PacedCallOptions, AIMessageChunk> {
  calls = 0;
  ownMs: number[] = [];

  constructor(
    private readonly pace: Pace = REALISTIC_PACE,
    /** What it writes; a test that needs no figure checked passes its own words. */
    private readonly tokens: string[] = PACED_ANSWER_TOKENS,
  ) {
    super({});
  }

  static override lc_name(): string {
    return 'PacedChatModel';
  }

  _llmType(): string {
    return 'paced-fake';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<PacedCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, PacedCallOptions> {
    return this.withConfig({ tools, ...kwargs });
  }

  _generate(): Promise<ChatResult> {
    const text = this.tokens.join('');
    return Promise.resolve({ generations: [{ text, message: new AIMessage(text) }] });
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): AsyncGenerator<ChatGenerationChunk> {
    this.calls++;
    const started = performance.now();
    const gapMs = 1000 / this.pace.tokensPerSecond;
    // Deadlines from the start, like a server streaming at a fixed rate: timer lag does not add up.
    for (const [i, token] of this.tokens.entries()) {
      const due = started + this.pace.firstTokenMs + i * gapMs - performance.now();
      if (due > 0) await sleep(due);
      if (options.signal?.aborted) return;
      yield new ChatGenerationChunk({ text: token, message: new AIMessageChunk(token) });
    }
    this.ownMs.push(performance.now() - started);
  }
}
