import { Inject, Injectable, Logger } from '@nestjs/common';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import type { ToolCall } from '@langchain/core/messages/tool';
import { concat } from '@langchain/core/utils/stream';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { type LinkedSignal, linkSignals } from '../../common/abort';
import { LlmTimeoutError } from '../../common/errors';
import { memoizeByObject } from '../../common/memo';
import { isRetryableModelError, toLlmUnavailable } from '../model/llm-errors';
import { messageText } from '../model/message-text';
import { publicPathsOnly } from '../model/langchain-fast-path';
import { type StepModel, streamChunks } from '../model/langchain-fast-path';
import { BettingTools } from '../tools/betting-tools';
import { ToolRunner } from '../tools/tool-runner';
import { AgentOptions } from './agent.options';
import { Agent, type AgentEvent, type AgentResult, type AgentTurnInput, type ChatTurnMessage } from './agent.types';
import { suggestedActions } from './suggested-actions';
import { loadPrompt } from './system-prompt';
import { rememberTurnHints, renderTurnHints, slipSummary, type TurnHints } from './turn-hints';

const SYSTEM_PROMPT = loadPrompt('system.md');

/** Thrown inside a step when the turn's own signal aborted; the turn resolves as stopped. */
class TurnStopped extends Error {}

/**
 * The tool-calling loop both engines run: system prompt + hints + history + message → model with
 * bound tools → tool calls (in parallel) → tool results → next step, at most `maxSteps` model
 * calls, the last one without tools so it must answer. Text is forwarded chunk by chunk as it
 * streams; the abort signal reaches every model call and every tool.
 */
@Injectable()
export class ToolCallingAgent extends Agent {
  private readonly logger = new Logger(ToolCallingAgent.name);

  constructor(
    @Inject(BaseChatModel) private readonly model: BaseChatModel,
    @Inject(BettingTools) private readonly tools: BettingTools,
    @Inject(AgentOptions) private readonly options: AgentOptions,
  ) {
    super();
  }

  private bound?: { withTools: StepModel; answerOnly: StepModel };

  /** Tools are bound once: converting their schemas for the provider costs more than a turn. */
  private boundModels(): { withTools: StepModel; answerOnly: StepModel } {
    if (this.bound) return this.bound;
    const model = this.model;
    if (typeof model.bindTools !== 'function') throw toLlmUnavailable(new Error('model cannot call tools'));
    const tools = this.tools.all();
    this.bound = {
      withTools: model.bindTools(tools) as StepModel,
      answerOnly: model.bindTools(tools, { tool_choice: 'none' }) as StepModel,
    };
    return this.bound;
  }

  async run(
    input: AgentTurnInput,
    emit: (event: AgentEvent) => void,
    signal: AbortSignal,
  ): Promise<AgentResult> {
    // The turn's own copy of the slip: a proposal made in this turn is what later calls of it change or show.
    const slip = input.slip && { open: input.slip.open, withdraw: (id: string) => input.slip!.withdraw(id) };
    const turn = { userId: input.userId, language: input.language, slip };
    // Read once per turn: tracing (or the fast paths switched off) decides the model's and the tools' path.
    const publicOnly = publicPathsOnly();
    const runner = new ToolRunner(this.tools.all(), turn, emit, signal, this.options.toolTimeoutMs, publicOnly);
    const { withTools, answerOnly } = this.boundModels();
    // One signal for every model call of the turn: the turn's stop, or a step without output for too long.
    const modelCalls = linkSignals([signal]);

    const messages: BaseMessage[] = [
      this.systemMessage(input),
      ...this.history(input),
      new HumanMessage(input.message),
    ];
    let text = '';
    let usageTokens = 0;
    let stopped = false;
    let unsentChars = 0;
    const write = (delta: string) => {
      text += delta;
      emit({ type: 'delta', text: delta });
    };

    try {
      for (let step = 0; step < this.options.maxSteps; step++) {
        const last = step === this.options.maxSteps - 1;
        const separator = text && !text.endsWith('\n') ? '\n\n' : '';
        let started = false;
        const reply = await this.streamStep(last ? answerOnly : withTools, messages, modelCalls, publicOnly, (delta) => {
          if (!started && separator) write(separator);
          started = true;
          write(delta);
        });
        usageTokens += reply.usage?.total_tokens ?? 0;
        if (reply.toolCalls.length === 0 || last) {
          // The answer itself is not sent back to the model; it only counts for the estimate.
          unsentChars = contentChars(reply.content);
          break;
        }
        messages.push(
          new AIMessage({
            content: reply.content,
            tool_calls: reply.toolCalls,
            additional_kwargs: reply.additionalKwargs,
          }),
        );
        messages.push(...(await runner.runAll(reply.toolCalls)));
      }
    } catch (error) {
      if (!(error instanceof TurnStopped) && !signal.aborted) throw error;
      stopped = true;
    } finally {
      modelCalls.dispose();
    }

    if (!text.trim() && !stopped) write(this.emptyAnswer(input));
    return {
      text,
      // A stopped turn may leave slots of unfinished calls empty.
      functionCallsMade: runner.ledger.calls.filter(Boolean),
      tokenCount: usageTokens > 0 ? usageTokens : estimateTokens(messages, unsentChars + text.length),
      suggestedActions: suggestedActions(input.nlu, input.language),
      ...(runner.ledger.proposal ? { betProposal: runner.ledger.proposal } : {}),
      ...(runner.ledger.withdrawnProposalId ? { withdrawnProposalId: runner.ledger.withdrawnProposalId } : {}),
      degraded: runner.ledger.degraded,
      stopped,
      toolResults: runner.ledger.outputs.filter((o) => o !== undefined),
    };
  }

  /**
   * One model call, streamed. Retries (with jittered backoff) only while nothing has been
   * forwarded, so a user never sees a half answer repeated; fails with LLM_TIMEOUT when no chunk
   * arrives within the limit and LLM_UNAVAILABLE when retries run out.
   */
  private async streamStep(
    model: StepModel,
    messages: BaseMessage[],
    watchdog: LinkedSignal,
    publicOnly: boolean,
    onText: (delta: string) => void,
  ): Promise<StepReply> {
    let forwarded = false;
    const signal = watchdog.signal;
    const policy = retry(
      handleWhen(
        (error) =>
          !forwarded &&
          !signal.aborted &&
          !(error instanceof LlmTimeoutError) &&
          isRetryableModelError(error),
      ),
      {
        maxAttempts: this.options.maxRetries,
        backoff: new ExponentialBackoff({ initialDelay: this.options.retryInitialDelayMs, maxDelay: 5_000 }),
      },
    );
    policy.onRetry((reason) =>
      this.logger.warn(
        `model call failed, retrying: ${'error' in reason ? reason.error.message : 'bad result'}`,
      ),
    );
    const limit = this.options.modelTimeoutMs;
    try {
      return await policy.execute(async () => {
        // Aborts on the turn's stop or after `limit` ms without a chunk.
        watchdog.arm(limit);
        const chunks: AIMessageChunk[] = [];
        try {
          // Not `stream()`: it re-wraps the iterator in a web ReadableStream and an
          // AsyncLocalStorage hop per chunk, 10-20 % of server CPU per streamed answer in
          // bench/RESULTS.md. streamChunks says what else it leaves out, and when.
          const stream = streamChunks(model, messages, signal, publicOnly);
          for await (const chunk of stream) {
            // Re-arms the same timer: a clear + new timer per streamed token showed in profiles.
            watchdog.refresh();
            chunks.push(chunk);
            const delta = messageText(chunk);
            if (delta) {
              forwarded = true;
              onText(delta);
            }
          }
          if (watchdog.timedOut) throw new LlmTimeoutError();
          return assemble(chunks);
        } catch (error) {
          if (watchdog.timedOut) {
            this.logger.warn(`model step timed out: no output for ${limit} ms`);
            throw new LlmTimeoutError();
          }
          if (signal.aborted) throw new TurnStopped();
          throw error;
        } finally {
          watchdog.disarm();
        }
      }, signal);
    } catch (error) {
      if (error instanceof LlmTimeoutError) throw error;
      if (error instanceof TurnStopped || signal.aborted) throw new TurnStopped();
      this.logger.warn(`model call failed: ${(error as Error)?.message ?? String(error)}`);
      throw toLlmUnavailable(error);
    }
  }

  private systemMessage(input: AgentTurnInput): SystemMessage {
    const { nlu } = input;
    const hints: TurnHints = {
      language: input.language,
      intent: nlu.intent,
      confidence: nlu.confidence,
      entities: nlu.entities,
      today: new Date().toISOString().slice(0, 10),
    };
    // Set rather than spread in (a spread builds an object per field), in the order the JSON shows them.
    if (nlu.slip) hints.slip = nlu.slip;
    if (nlu.ambiguous) hints.ambiguous = nlu.ambiguous;
    if (nlu.unknown) hints.unknown = nlu.unknown;
    if (nlu.unofferedMarket) hints.market_not_offered = nlu.unofferedMarket;
    if (nlu.asksWhy) hints.asks_why = true;
    if (input.slip?.open) hints.open_slip = slipSummary(input.slip.open);
    // A zone named in the message wins over the client's.
    const timezone = nlu.timezone ?? input.timezone;
    if (timezone) hints.timezone = timezone;
    const message = new SystemMessage(`${SYSTEM_PROMPT}\nUser language: ${input.language}\n${renderTurnHints(hints)}`);
    rememberTurnHints(message, hints);
    return message;
  }

  private history(input: AgentTurnInput): BaseMessage[] {
    return input.history.map(historyMessage);
  }

  private emptyAnswer(input: AgentTurnInput): string {
    switch (input.language) {
      case 'es':
        return 'No pude preparar una respuesta esta vez. ¿Puedes intentarlo de nuevo?';
      case 'pt_br':
        return 'Não consegui preparar uma resposta desta vez. Pode tentar de novo?';
      case 'en':
        return 'I could not put an answer together this time. Could you try again?';
    }
  }
}

/** What one model step said: its text, the tool calls it asked for, and provider metadata. */
interface StepReply {
  content: AIMessageChunk['content'];
  toolCalls: ToolCall[];
  additionalKwargs: AIMessageChunk['additional_kwargs'];
  usage?: AIMessageChunk['usage_metadata'];
}

/**
 * The step's reply from its chunks. Folding `concat` over every word-sized chunk builds a new
 * message per word; when all content is plain text only the chunks that carry tool calls or
 * metadata are concatenated (LangChain collapses their tool-call pieces), and the text is joined
 * once, in order.
 */
function assemble(chunks: AIMessageChunk[]): StepReply {
  if (chunks.length === 0) return { content: '', toolCalls: [], additionalKwargs: {} };
  if (!chunks.every((c) => typeof c.content === 'string')) return replyOf(chunks.reduce((a, b) => concat(a, b)));
  let text = '';
  let carriers: AIMessageChunk | undefined;
  for (const c of chunks) {
    text += c.content as string;
    const carries = (c.tool_call_chunks?.length ?? 0) > 0 || c.usage_metadata !== undefined || carriesKwargs(c);
    if (carries) carriers = carriers ? concat(carriers, c) : c;
  }
  return { ...(carriers ? replyOf(carriers) : { toolCalls: [], additionalKwargs: {} }), content: text };
}

/**
 * Whether a chunk's additional_kwargs hold anything. Gemini's converter gives every chunk a map of
 * function-call thought signatures, empty on text: counting those made every chunk of an answer
 * a carrier and folded them all with `concat` again.
 */
function carriesKwargs(chunk: AIMessageChunk): boolean {
  for (const value of Object.values(chunk.additional_kwargs)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    return true;
  }
  return false;
}

function replyOf(message: AIMessageChunk): StepReply {
  return {
    content: message.content,
    toolCalls: message.tool_calls ?? [],
    additionalKwargs: message.additional_kwargs,
    ...(message.usage_metadata ? { usage: message.usage_metadata } : {}),
  };
}

/**
 * Earlier messages as LangChain messages, made once per stored message: the memory store hands
 * the same message objects to every turn of a session, and nothing downstream changes them.
 */
const historyMessage = memoizeByObject(
  (m: ChatTurnMessage): BaseMessage => (m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content)),
);

function contentChars(content: AIMessageChunk['content']): number {
  return typeof content === 'string' ? content.length : JSON.stringify(content).length;
}

/** About four characters per token: close enough when the provider reports no usage. */
function estimateTokens(messages: BaseMessage[], moreChars: number): number {
  const chars = messages.reduce((sum, m) => sum + contentChars(m.content), 0);
  return Math.ceil((chars + moreChars) / 4);
}
