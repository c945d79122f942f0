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
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DelegateBackoff,
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IRetryBackoffContext,
  retry,
} from 'cockatiel';
import { type LinkedSignal, linkSignals } from '../../common/abort';
import { LlmTimeoutError, LlmUnavailableError } from '../../common/errors';
import { memoizeByObject } from '../../common/memo';
import { GroundingGuard } from '../grounding/grounding-guard';
import { isRetryableModelError, providerRetryDelayMs, toLlmUnavailable } from '../model/llm-errors';
import { asMessageChunk, messageText, type StepChunk, TextChunk } from '../model/step-chunk';
import { publicPathsOnly } from '../model/langchain-fast-path';
import { ModelCallLimiter } from '../model/model-call-limiter';
import { type StepModel, streamChunks } from '../model/langchain-fast-path';
import { traced, tracingOn } from '../../tracing/tracing';
import { readStepFinish, retryableFinish, type StepFinish } from '../model/step-finish';
import { BettingTools } from '../tools/betting-tools';
import { type ToolLedger, ToolRunner } from '../tools/tool-runner';
import type { FixturesResult } from '../tools/tool-views';
import type { AnswerFocus, ListedMatch } from '../../nlu/nlu.types';
import { AgentOptions } from './agent.options';
import { answerFocus, answerMatch } from './answer-focus';
import { Agent, type AgentEvent, type AgentResult, type AgentTurnInput, type ChatTurnMessage } from './agent.types';
import { suggestedActions } from './suggested-actions';
import { loadPrompt } from './system-prompt';
import { rememberTurnHints, renderTurnHints, slipSummary, type TurnHints, turnZone } from './turn-hints';
import { answerWithoutModel, cutShortNote, toolResultsAnswer } from './unfinished-answers';

const SYSTEM_PROMPT = loadPrompt('system.md');

/** Thrown inside a step when the turn's own signal aborted; the turn resolves as stopped. */
class TurnStopped extends Error {}

/**
 * The tool-calling loop both engines run: system prompt + hints + history + message → model with
 * bound tools → tool calls (in parallel) → tool results → next step, at most `maxSteps` model
 * calls, the last one without tools so it must answer. Text is forwarded chunk by chunk as it
 * streams, through the grounding guard (a sentence with a figure waits for its end and is checked
 * against the tool results); the abort signal reaches every model call and every tool. A step the
 * provider ends without a usable answer (blocked, cut, an unparsable call, nothing said) ends the
 * loop: the turn answers from the tool results it already has, or notes that the streamed text was
 * cut, and is marked degraded.
 */
@Injectable()
export class ToolCallingAgent extends Agent {
  private readonly logger = new Logger(ToolCallingAgent.name);

  constructor(
    @Inject(BaseChatModel) private readonly model: BaseChatModel,
    @Inject(BettingTools) private readonly tools: BettingTools,
    @Inject(AgentOptions) private readonly options: AgentOptions,
    @Inject(ModelCallLimiter) private readonly limiter: ModelCallLimiter = ModelCallLimiter.unlimited(),
  ) {
    super();
  }

  private bound?: { withTools: StepModel; answerOnly: StepModel };
  private readonly finishListeners: Array<(finish: StepFinish) => void> = [];

  /** Called with how every model reply ended, retried ones included (the metrics module counts them). */
  onStepFinish(listener: (finish: StepFinish) => void): void {
    this.finishListeners.push(listener);
  }

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
    const turn = { userId: input.userId, account: input.account, language: input.language, slip };
    // Read once per turn: tracing (or the fast paths switched off) decides the model's and the tools' path.
    const publicOnly = publicPathsOnly();
    const runner = new ToolRunner(this.tools.all(), turn, emit, signal, this.options.toolTimeoutMs, publicOnly);
    const { withTools, answerOnly } = this.boundModels();
    // One signal for every model call of the turn: the turn's stop, or a step without output for too long.
    const modelCalls = linkSignals([signal]);
    const wait = new WaitBudget(this.options.maxWaitMs);

    const messages: BaseMessage[] = [
      this.systemMessage(input),
      ...this.history(input),
      new HumanMessage(input.message),
    ];
    let text = '';
    let usageTokens = 0;
    let stopped = false;
    let unsentChars = 0;
    // How the last step ended when it gave no usable answer, and whether its text reached the user.
    let unfinished: { finish: StepFinish; cut: boolean } | undefined;
    const write = (delta: string) => {
      text += delta;
      emit({ type: 'delta', text: delta });
    };
    const separator = () => (text && !text.endsWith('\n') ? '\n\n' : '');
    // Every engine's text reaches the user through the guard: figures are checked against this
    // turn's tool results before they are sent, and wrong ones replaced.
    const guard = new GroundingGuard(
      {
        language: input.language,
        zone: turnZone(input.nlu, input.timezone),
        results: runner.ledger.results,
        openSlip: input.slip?.open,
        userStakes: input.nlu.entities.amounts,
        userMessage: input.message,
      },
      write,
      () => toolResultsAnswer(messages),
    );

    try {
      for (let step = 0; step < this.options.maxSteps; step++) {
        const last = step === this.options.maxSteps - 1;
        const before = separator();
        let started = false;
        const reply = await this.streamStep(last ? answerOnly : withTools, messages, modelCalls, wait, publicOnly, (delta) => {
          if (!started && before) guard.push(before);
          started = true;
          guard.push(delta);
        });
        guard.endStep();
        usageTokens += reply.usage?.total_tokens ?? 0;
        if (reply.finish !== 'stop') {
          // The step's tool calls, if any, are not run: the reply they came in was not finished.
          // An empty reply may have sent blanks, but nothing the user could read as an answer.
          unfinished = { finish: reply.finish, cut: started && reply.finish !== 'empty' };
          unsentChars = contentChars(reply.content);
          break;
        }
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
    const grounding = guard.finish();

    let degraded = runner.ledger.degraded;
    if (!stopped && (unfinished || !text.trim())) {
      const block = unfinished?.cut
        ? cutShortNote(unfinished.finish, input.language)
        : answerWithoutModel(messages, input.language, unfinished?.finish ?? 'empty');
      write(`${separator()}${block}`);
      degraded = true;
    }
    return {
      text,
      // A stopped turn may leave slots of unfinished calls empty.
      functionCallsMade: runner.ledger.calls.filter(Boolean),
      tokenCount: usageTokens > 0 ? usageTokens : estimateTokens(messages, unsentChars + text.length),
      suggestedActions: suggestedActions(input.nlu, input.language),
      ...(runner.ledger.proposal ? { betProposal: runner.ledger.proposal } : {}),
      ...(runner.ledger.withdrawnProposalId ? { withdrawnProposalId: runner.ledger.withdrawnProposalId } : {}),
      degraded,
      stopped,
      toolResults: runner.ledger.outputs.filter((o) => o !== undefined),
      grounding,
      ...focusOf(runner.ledger, input),
      ...matchOf(runner.ledger),
      ...listedOf(runner.ledger),
    };
  }

  /**
   * One model call, streamed. Retries (with jittered backoff) only while nothing has been
   * forwarded, so a user never sees a half answer repeated: on provider errors worth retrying, and
   * on replies another try can mend (empty, a malformed function call), which once retries run
   * out come back as they are. A retry waits as long as the provider asks (RetryInfo,
   * Retry-After), else a jittered backoff, and every attempt takes its turn of the process-wide
   * request limiter; those waits come out of the turn's `wait` budget, and one the budget cannot
   * cover fails at once. Fails with LLM_TIMEOUT when no chunk arrives within the limit and
   * LLM_UNAVAILABLE (with a retry hint when the wait is known) when retries on errors run out.
   */
  private async streamStep(
    model: StepModel,
    messages: BaseMessage[],
    watchdog: LinkedSignal,
    wait: WaitBudget,
    publicOnly: boolean,
    onText: (delta: string) => void,
  ): Promise<StepReply> {
    let forwarded = false;
    // The delay the policy chose before the next attempt, waited out by the attempt itself:
    // cockatiel's own delay does not listen to the abort signal, and a stop must not wait for it.
    let delay = 0;
    const signal = watchdog.signal;
    const exponential = new ExponentialBackoff({ initialDelay: this.options.retryInitialDelayMs, maxDelay: 5_000 });
    const policy = retry(
      handleWhen(
        (error) =>
          !forwarded &&
          !signal.aborted &&
          !(error instanceof LlmTimeoutError) &&
          isRetryableModelError(error) &&
          // A provider that asks for a longer wait than the turn has left is not asked again.
          wait.affords(providerRetryDelayMs(error) ?? 0),
      ).orWhenResult((reply) => !forwarded && !signal.aborted && retryableFinish((reply as StepReply).finish)),
      {
        maxAttempts: this.options.maxRetries,
        backoff: new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>((context, previous) => {
          const next = previous ? previous.next(context) : exponential.next();
          const asked = 'error' in context.result ? providerRetryDelayMs(context.result.error) : undefined;
          delay = wait.spend(asked ?? next.duration);
          return { delay: 0, state: next };
        }),
      },
    );
    policy.onRetry((reason) =>
      this.logger.warn(
        'error' in reason
          ? `model call failed, retrying: ${reason.error.message}`
          : `model reply ended ${(reason.value as StepReply).finish}, asking again`,
      ),
    );
    const limit = this.options.modelTimeoutMs;
    try {
      const attempt = async (): Promise<StepReply> => {
        if (delay > 0) await sleep(delay, undefined, { signal });
        delay = 0;
        // Every attempt, retries too, is a request against the provider's quota.
        wait.spend(await this.limiter.acquire(wait.remaining, signal));
        // Aborts on the turn's stop or after `limit` ms without a chunk.
        watchdog.arm(limit);
        const chunks: StepChunk[] = [];
        let said = false;
        try {
          // Not `stream()`: it re-wraps the iterator in a web ReadableStream and an
          // AsyncLocalStorage hop per chunk, paid on every token of every answer (measured in
          // bench/RESULTS.md). streamChunks says what else it leaves out, and when.
          const stream = streamChunks(model, messages, signal, publicOnly);
          for await (const chunk of stream) {
            // Re-arms the same timer: a clear + new timer per streamed token showed in profiles.
            watchdog.refresh();
            chunks.push(chunk);
            const delta = messageText(chunk);
            if (delta) {
              forwarded = true;
              said ||= delta.trim() !== '';
              onText(delta);
            }
          }
          if (watchdog.timedOut) throw new LlmTimeoutError();
          const reply = assemble(chunks, said);
          for (const listener of this.finishListeners) listener(reply.finish);
          return reply;
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
      };
      return await policy.execute(() => (tracingOn() ? tracedModelCall(attempt) : attempt()), signal);
    } catch (error) {
      if (error instanceof LlmTimeoutError) throw error;
      if (error instanceof TurnStopped || signal.aborted) throw new TurnStopped();
      const asked = providerRetryDelayMs(error);
      if (asked !== undefined && !wait.affords(asked)) {
        this.logger.warn(`model quota: the provider asks for ${asked} ms before another try, the turn can wait ${wait.remaining} ms`);
      }
      const cause = error instanceof LlmUnavailableError ? error.cause : error;
      this.logger.warn(`model call failed: ${(cause as Error)?.message ?? String(cause)}`);
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
    if (nlu.asksMarkets) hints.asks_markets = true;
    if (nlu.asksWhy) hints.asks_why = true;
    if (nlu.pickStyle) hints.pick_style = nlu.pickStyle;
    if (nlu.pickCount) hints.pick_count = nlu.pickCount;
    if (nlu.focus) hints.focus = nlu.focus;
    if (nlu.inherited) hints.follow_up = true;
    if (input.slip?.open) hints.open_slip = slipSummary(input.slip.open);
    const timezone = turnZone(nlu, input.timezone);
    if (timezone) hints.timezone = timezone;
    const message = new SystemMessage(`${SYSTEM_PROMPT}\nUser language: ${input.language}\n${renderTurnHints(hints)}`);
    rememberTurnHints(message, hints);
    return message;
  }

  private history(input: AgentTurnInput): BaseMessage[] {
    return input.history.map(historyMessage);
  }
}

/** What the answer put forward for the next message to point at ("put 20 on it"). */
function focusOf(ledger: ToolLedger, input: AgentTurnInput): { focus?: AnswerFocus } {
  const focus = answerFocus(ledger, input.nlu, input.slip?.open !== undefined);
  return focus ? { focus } : {};
}

/** The one match the answer was about, for "and Spurs?" next turn. */
function matchOf(ledger: ToolLedger): { match?: ListedMatch } {
  const match = answerMatch(ledger);
  return match ? { match } : {};
}

/** How many listed matches a follow-up can point at ("the fifth one"): what an answer shows at most. */
const MAX_LISTED = 10;

/** The matches of the turn's listings, in the order the tools returned them. */
function listedOf(ledger: ToolLedger): { listed?: ListedMatch[] } {
  const listed: ListedMatch[] = [];
  ledger.calls.forEach((call, slot) => {
    if (call?.name !== 'get_fixtures' || call.status !== 'ok') return;
    for (const f of (ledger.results[slot] as FixturesResult).fixtures ?? [])
      if (listed.length < MAX_LISTED) listed.push({ fixture_id: f.fixture_id, home_team: f.home_team, away_team: f.away_team });
  });
  return listed.length > 1 ? { listed } : {};
}

/** What one model step said: its text, the tool calls it asked for, provider metadata, how it ended. */
interface StepReply {
  content: AIMessageChunk['content'];
  toolCalls: ToolCall[];
  additionalKwargs: AIMessageChunk['additional_kwargs'];
  usage?: AIMessageChunk['usage_metadata'];
  finish: StepFinish;
}

/** The step's reply from its chunks, with how it ended; `saidText` is whether any of its text was more than blanks. */
function assemble(chunks: StepChunk[], saidText: boolean): StepReply {
  const reply = join(chunks);
  return { ...reply, finish: readStepFinish(chunks, { text: saidText, toolCalls: reply.toolCalls.length > 0 }) };
}

/**
 * Folding `concat` over every word-sized chunk builds a new message per word; when all content is
 * plain text only the chunks that carry tool calls or metadata are concatenated (LangChain
 * collapses their tool-call pieces), and the text is joined once, in order.
 */
function join(chunks: StepChunk[]): Omit<StepReply, 'finish'> {
  if (chunks.length === 0) return { content: '', toolCalls: [], additionalKwargs: {} };
  if (!chunks.every((c) => typeof c.content === 'string')) return replyOf(chunks.map(asMessageChunk).reduce((a, b) => concat(a, b)));
  let text = '';
  let carriers: AIMessageChunk | undefined;
  for (const c of chunks) {
    text += c.content as string;
    if (c instanceof TextChunk) continue;
    const carries =
      (c.tool_call_chunks?.length ?? 0) > 0 || (c.tool_calls?.length ?? 0) > 0 || c.usage_metadata !== undefined || carriesKwargs(c);
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

function replyOf(message: AIMessageChunk): Omit<StepReply, 'finish'> {
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

/** One model request (a retry is another) as a span, with how the reply ended. */
function tracedModelCall(attempt: () => Promise<StepReply>): Promise<StepReply> {
  return traced('llm.call', { 'gen_ai.operation.name': 'chat' }, async (span) => {
    const reply = await attempt();
    span.setAttribute('chatbet.llm.finish', reply.finish);
    return reply;
  });
}

/** What a turn can still spend waiting for the model's quota: retry delays and the request limiter's queue. */
class WaitBudget {
  constructor(private left: number) {}

  get remaining(): number {
    return this.left;
  }

  affords(ms: number): boolean {
    return ms <= this.left;
  }

  /** Takes `ms` from the budget, never more than is left, and returns what it took. */
  spend(ms: number): number {
    const taken = Math.min(Math.max(0, ms), this.left);
    this.left -= taken;
    return taken;
  }
}

