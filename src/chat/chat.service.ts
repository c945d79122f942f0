import { hash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  type DomainError,
  DuplicateMessageError,
  InvalidMessageError,
  LlmUnavailableError,
  MessageTooLongError,
  NotFoundError,
  SessionBusyError,
  toDomainError,
} from '../common/errors';
import { type BetProposal, emptyEntities, type Intent, type Language } from '../common/protocol';
import { memoizeByObject } from '../common/memo';
import { securityConfig } from '../config/configuration';
import { Agent, type AgentEvent, type AgentResult, type ChatTurnMessage, type SessionSlip } from '../llm/agent/agent.types';
import { SLIP_TOOLS } from '../llm/tools/betting-tools';
import { LanguageUnderstanding, type NluResult } from '../nlu/nlu.types';
import { ChatMetrics } from './chat-metrics';
import type { ChatResponse, TurnIds, TurnInput, TurnSink } from './chat.types';
import { type RunningTurn, RunningTurns, type TurnKey } from './running-turns';
import { BetProposalStore, type StoredProposal } from './state/bet-proposal.store';
import { ConversationStore, type StoredMessage, type TurnContext } from './state/conversation.store';
import { type Admission, RUNNING_REPEAT_WAIT_MS, SESSION_LOCK_REFRESH_MS, TurnGuard, type TurnTicket } from './state/turn-guard';
import { isBlank } from '../common/text';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { CORRELATION_ATTRIBUTE, traced, tracedSync, tracingOn } from '../tracing/tracing';

/** Pauses between a waiting repeat's polls: quick for short turns, at most a few polls a second after. */
const REPEAT_POLL_FIRST_MS = 20;
const REPEAT_POLL_MAX_MS = 250;

export interface ConversationView {
  user_id: string;
  session_id?: string;
  sessions?: string[];
  messages: StoredMessage[];
  total: number;
  /** The session's open bet slip, so a client restores it after a reload. */
  open_slip?: BetProposal;
}

/**
 * The one chat pipeline every transport calls: validate → dedup and session lock → history → NLU
 * → agent (streamed to the sink) → persist → final. Whatever fails, an accepted message ends with
 * exactly one `final` or `error` on its sink; refusals end with a lone `error`.
 */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly conversations: ConversationStore,
    private readonly guard: TurnGuard,
    private readonly proposals: BetProposalStore,
    private readonly understanding: LanguageUnderstanding,
    private readonly agent: Agent,
    private readonly metrics: ChatMetrics,
    private readonly turns: RunningTurns,
    @Inject(securityConfig.KEY) private readonly security: ConfigType<typeof securityConfig>,
  ) {}

  /**
   * Runs one message. `connection` is the caller's (a socket, an HTTP response): the turn stops
   * when it closes, as it does on a stop request or at shutdown (RunningTurns), so a turn needs
   * no signal of its own.
   */
  turn(input: TurnInput, sink: TurnSink, connection?: object): Promise<void> {
    return this.turns.run(this.keyOf(input), connection, (turn) => this.run(input, sink, turn, false));
  }

  /**
   * The same turn for callers that want only the final answer (REST): refusals and failures
   * reject. A repeat of a message_id still running on this instance waits for it and gets the
   * same response (protocol §2); the streaming transports refuse it instead, since the first
   * turn's frames already reach the client.
   */
  reply(input: TurnInput, connection?: object): Promise<ChatResponse> {
    return new Promise((resolve, reject) => {
      const sink: TurnSink = { accepted: () => undefined, delta: () => undefined, toolCall: () => undefined, final: resolve, error: reject };
      void this.turns.run(this.keyOf(input), connection, (turn) => this.run(input, sink, turn, true));
    });
  }

  private keyOf(input: TurnInput): TurnKey {
    return {
      userId: input.userId,
      requestedSessionId: input.sessionId ?? '',
      sessionId: input.sessionId ?? randomUUID(),
      messageId: input.messageId ?? randomUUID(),
    };
  }

  private run(input: TurnInput, sink: TurnSink, turn: RunningTurn, repeatWaits: boolean): Promise<void> {
    if (!tracingOn()) return this.runTurn(input, sink, turn, repeatWaits);
    const attributes = {
      [CORRELATION_ATTRIBUTE]: input.correlationId ?? randomUUID(),
      'chatbet.transport': input.transport ?? 'rest',
      'chatbet.session_id': turn.key.sessionId,
      'chatbet.message_id': turn.key.messageId,
    };
    return traced('chat.turn', attributes, (span) => this.runTurn(input, sink, turn, repeatWaits, span));
  }

  private async runTurn(input: TurnInput, sink: TurnSink, turn: RunningTurn, repeatWaits: boolean, span?: Span): Promise<void> {
    const startedAt = Date.now();
    const out = endsOnce(this.metrics.observe({ transport: input.transport ?? 'rest', userId: input.userId }, sink));
    const ids: TurnIds = { sessionId: turn.key.sessionId, messageId: turn.key.messageId, language: input.language };
    let ticket: TurnTicket | undefined;
    try {
      if (this.turns.isDraining) throw new LlmUnavailableError();
      const text = this.validate(input.message);
      // Another user's session is reported like an unknown one, before anything reveals its state.
      if (input.sessionId && !(await this.mayUseSession(input.sessionId, input.userId))) throw new NotFoundError('Session');
      if (repeatWaits) await this.turns.earlierTurnEnded(turn);
      ticket = {
        ...turn.key,
        // One-shot hash: a Hash object per message costs several times more.
        contentHash: hash('sha256', text, 'base64url'),
        lockToken: randomUUID(),
      };
      let admission = await this.guard.admit(ticket);
      if (admission.kind === 'running' && repeatWaits) admission = await this.admitOnceFirstEnds(ticket, turn.signal);
      switch (admission.kind) {
        case 'replay':
          ticket = undefined; // nothing of ours to release
          out.accepted({ ...ids, sessionId: admission.response.session_id, replay: true });
          span?.setAttribute('chatbet.outcome', 'replayed');
          out.final(admission.response);
          return;
        case 'running':
        case 'duplicate':
          ticket = undefined;
          throw new DuplicateMessageError();
        case 'busy':
          ticket = undefined;
          throw new SessionBusyError();
        case 'admitted':
          break;
      }
      // The turn's reads leave with the claim, in one round trip to Redis: one connection runs
      // commands in the order sent, so they see the claimed session; a refused claim drops them.
      const claiming = this.conversations.claim(ids.sessionId, input.userId);
      const reads = this.readTurnState(ids.sessionId);
      if (!(await claiming)) throw new NotFoundError('Session');
      this.turns.admitted(turn);
      out.accepted({ ...ids, replay: false });
      const { response, persisted } = await this.withLockRefresh(ticket, () =>
        this.answer(input, text, ids, reads, out, turn.signal, startedAt),
      );
      // Sent after the append on the same connection, so the lock is still released only once the
      // pair is stored, without waiting a round trip for it.
      const completing = this.guard.complete(ticket, response).catch((error: unknown) => this.logStoreFailure('store the response', error));
      await persisted;
      await completing;
      ticket = undefined;
      span?.setAttributes({ 'chatbet.outcome': response.stopped ? 'stopped' : 'ok', 'chatbet.intent': response.detected_intent });
      out.final(response);
    } catch (error) {
      const domainError = toDomainError(error);
      if (span) {
        span.setAttributes({ 'chatbet.outcome': 'error', 'chatbet.error_code': domainError.code });
        span.setStatus({ code: SpanStatusCode.ERROR, message: domainError.code });
      }
      if (domainError.code === 'INTERNAL_ERROR') this.logger.error({ err: error, session_id: ids.sessionId }, 'turn failed');
      if (ticket) await this.guard.abandon(ticket).catch((e: unknown) => this.logStoreFailure('release the session', e));
      out.error(domainError, ids);
    }
  }

  /**
   * A REST repeat of a message_id whose first turn runs on another instance (this instance's own
   * turns were awaited in RunningTurns): asks the guard again, with growing pauses, until the first
   * response is stored (replay), the first turn gave up its claim (the repeat runs instead, as a
   * retry would), the caller hangs up, or RUNNING_REPEAT_WAIT_MS has passed (still 'running').
   * Polling needs nothing but the guard both instances already share.
   */
  private async admitOnceFirstEnds(ticket: TurnTicket, signal: AbortSignal): Promise<Admission> {
    const deadline = Date.now() + RUNNING_REPEAT_WAIT_MS;
    let pauseMs = REPEAT_POLL_FIRST_MS;
    while (!signal.aborted && Date.now() + pauseMs < deadline) {
      try {
        await sleep(pauseMs, undefined, { signal });
      } catch {
        break; // aborted: the caller is gone
      }
      const admission = await this.guard.admit(ticket);
      if (admission.kind !== 'running') return admission;
      pauseMs = Math.min(pauseMs * 2, REPEAT_POLL_MAX_MS);
    }
    return { kind: 'running' };
  }

  /** A user's session history (undefined when the session is not theirs), or the list of their sessions. */
  async history(userId: string, sessionId: string | undefined, limit: number): Promise<ConversationView | undefined> {
    if (!sessionId) {
      const sessions = await this.conversations.sessions(userId);
      return { user_id: userId, sessions, messages: [], total: sessions.length };
    }
    const found = await this.conversations.read(userId, sessionId, limit);
    if (!found) return undefined;
    const slip = await this.proposals.openSlip(sessionId).catch(() => undefined);
    const open = slip && slip.userId === userId ? slip.proposal : undefined;
    return { user_id: userId, session_id: sessionId, ...found, ...(open ? { open_slip: open } : {}) };
  }

  /** The final a finished message of this user's session ended with, as a repeat of its message_id would replay it. */
  storedResponse(userId: string, sessionId: string, messageId: string): Promise<ChatResponse | undefined> {
    return this.guard.storedResponse({ userId, requestedSessionId: sessionId, messageId });
  }

  /** True when the session is the user's or does not exist yet. */
  async mayUseSession(sessionId: string, userId: string): Promise<boolean> {
    const owner = await this.conversations.ownerOf(sessionId);
    return owner === undefined || owner === userId;
  }

  forget(userId: string, sessionId?: string): Promise<number> {
    return this.conversations.delete(userId, sessionId);
  }

  private validate(message: unknown): string {
    if (typeof message !== 'string') throw new InvalidMessageError(undefined, { fields: { message: ['message must be a string'] } });
    const text = message.trim();
    if (isBlank(text)) throw new InvalidMessageError(undefined, { fields: { message: ['message should not be empty'] } });
    if (text.length > this.security.maxMessageLength) throw new MessageTooLongError(this.security.maxMessageLength);
    return text;
  }

  /** The session's history and open slip, both reads started at once. */
  private readTurnState(sessionId: string): TurnReads {
    const context = this.conversations.context(sessionId);
    // Awaited only once the claim succeeds; a failure meanwhile is not left unhandled.
    context.catch(() => undefined);
    const slip = this.proposals.openSlip(sessionId).catch((error: unknown) => {
      // Without the store the turn still answers; it just cannot see or change a slip.
      this.logStoreFailure('read the open bet slip', error);
      return undefined;
    });
    return { context, slip };
  }

  /** The answer, and the history write still on its way (the caller sends its next command behind it). */
  private async answer(
    input: TurnInput,
    text: string,
    ids: TurnIds,
    reads: TurnReads,
    sink: TurnSink,
    signal: AbortSignal,
    startedAt: number,
  ): Promise<{ response: ChatResponse; persisted: Promise<void> }> {
    // Awaited one after the other rather than through Promise.all, which builds its own arrays
    // and promises on every turn.
    const context = await reads.context;
    const openSlip = await reads.slip;
    const nlu = this.understand(text, context.previousUserMessages, context.previousNlu, input.language);
    // The client's language is a default: a message clearly in another language is answered in it (protocol §2).
    const language: Language = nlu.language;
    ids.language = language;
    const result = await this.runAgent(
      {
        userId: input.userId,
        ...(input.account ? { account: input.account } : {}),
        sessionId: ids.sessionId,
        messageId: ids.messageId,
        message: text,
        language,
        nlu,
        history: context.history.map(turnMessage),
        slip: this.sessionSlip(openSlip?.proposal),
        ...(input.timezone ? { timezone: input.timezone } : {}),
      },
      sink,
      signal,
    );
    const betProposal = result.betProposal ? await this.keepProposal(result, input.userId, ids.sessionId, language) : undefined;
    if (result.withdrawnProposalId && !betProposal) {
      await this.proposals
        .clearOpenSlip(ids.sessionId, result.withdrawnProposalId)
        .catch((error: unknown) => this.logStoreFailure('clear the open bet slip', error));
    }
    const response: ChatResponse = {
      message: result.text,
      session_id: ids.sessionId,
      message_id: ids.messageId,
      response_time_ms: Date.now() - startedAt,
      token_count: result.tokenCount,
      detected_intent: reportedIntent(nlu.intent, result.functionCallsMade),
      intent_confidence: nlu.confidence,
      entities: nlu.entities,
      language,
      function_calls_made: result.functionCallsMade,
      suggested_actions: result.suggestedActions,
      ...(betProposal ? { bet_proposal: betProposal } : {}),
      ...(result.withdrawnProposalId ? { withdrawn_proposal_id: result.withdrawnProposalId } : {}),
      ...(result.degraded || (result.betProposal && !betProposal) ? { degraded: true as const } : {}),
      ...(result.stopped ? { stopped: true as const } : {}),
      ...groundingFields(result),
    };
    const now = new Date().toISOString();
    const pair: [StoredMessage, StoredMessage] = [
      { role: 'user', content: text, message_id: ids.messageId, timestamp: new Date(startedAt).toISOString(), detected_intent: nlu.intent },
      { role: 'assistant', content: result.text, message_id: ids.messageId, timestamp: now },
    ];
    // The user already has the answer; losing it from history is better than losing the answer.
    // What the answer put forward stays for the next message ("put 20 on it"), as does what this
    // message pointed at when the answer put nothing new forward ("and what time is that?"). Once
    // a slip holds it, "make it 30" is about the slip.
    const answerFocus = result.focus ?? (result.betProposal ? undefined : nlu.focus);
    const remembered =
      answerFocus || result.listed || result.match
        ? {
            ...nlu,
            ...(answerFocus ? { answerFocus } : {}),
            ...(result.listed ? { answerListing: result.listed } : {}),
            ...(result.match ? { answerMatch: result.match } : {}),
          }
        : nlu;
    const persisted = this.conversations
      .append(ids.sessionId, pair, remembered)
      .catch((error: unknown) => this.logStoreFailure('persist the turn', error));
    return { response, persisted };
  }

  private understand(
    text: string,
    previousUserMessages: string[],
    previous: NluResult | undefined,
    preferredLanguage: Language | undefined,
  ): NluResult {
    try {
      const context = { previousUserMessages, previous, ...(preferredLanguage ? { preferredLanguage } : {}) };
      if (!tracingOn()) return this.understanding.analyze(text, context);
      return tracedSync('nlu.analyze', {}, (span) => {
        const nlu = this.understanding.analyze(text, context);
        span.setAttributes({ 'chatbet.intent': nlu.intent, 'chatbet.language': nlu.language, 'chatbet.intent_confidence': nlu.confidence });
        return nlu;
      });
    } catch (error) {
      // NLU only adds hints; the model can still answer without them.
      this.logger.warn({ err: error }, 'NLU failed; continuing without hints');
      return { language: preferredLanguage ?? 'en', intent: 'UNCLEAR', confidence: 0, entities: emptyEntities(), inherited: false };
    }
  }

  private async runAgent(input: Parameters<Agent['run']>[0], sink: TurnSink, signal: AbortSignal): Promise<AgentResult> {
    const written: string[] = [];
    const emit = (event: AgentEvent) => {
      switch (event.type) {
        case 'delta':
          if (!event.text) return;
          written.push(event.text);
          sink.delta(event.text);
          return;
        case 'tool_call':
          sink.toolCall({ name: event.name, arguments: event.arguments, status: event.status, durationMs: event.durationMs });
          return;
      }
    };
    try {
      return await this.agent.run(input, emit, signal);
    } catch (error) {
      // A stop must end as a stopped final even if the agent surfaces the abort as a rejection.
      if (!signal.aborted) throw error;
      return {
        text: written.join(''),
        functionCallsMade: [],
        tokenCount: 0,
        suggestedActions: [],
        degraded: false,
        stopped: true,
      };
    }
  }

  /** The session's slip as the turn's tools see it: the open proposal and a way to withdraw it. */
  private sessionSlip(open: BetProposal | undefined): SessionSlip {
    return { open, withdraw: (proposalId) => this.proposals.withdraw(proposalId) };
  }

  /** A proposal of this turn is kept and becomes the session's open slip. */
  private async keepProposal(result: AgentResult, userId: string, sessionId: string, language: Language) {
    const proposal = result.betProposal!;
    try {
      await this.proposals.save({ proposal, userId, sessionId, language });
      await this.proposals.setOpenSlip(sessionId, proposal);
      return proposal;
    } catch (error) {
      this.logStoreFailure('store the bet proposal', error);
      return undefined;
    }
  }

  private async withLockRefresh<T>(ticket: TurnTicket, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      this.guard.refresh(ticket).catch((error: unknown) => this.logStoreFailure('refresh the session lock', error));
    }, SESSION_LOCK_REFRESH_MS);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private logStoreFailure(what: string, error: unknown): void {
    this.logger.warn({ err: error }, `could not ${what}`);
  }
}

/** A turn's reads of the session, in flight. */
interface TurnReads {
  context: Promise<TurnContext>;
  slip: Promise<StoredProposal | undefined>;
}

/**
 * The agent's view of a stored message, one per message: the memory store hands the same stored
 * messages to every turn of a session, so the agent can keep what it builds from them.
 */
const turnMessage = memoizeByObject(
  (stored: StoredMessage): ChatTurnMessage => ({ role: stored.role, content: stored.content }),
);

/** `grounded` whenever the agent checked the answer, and what it corrected when it had to. */
function groundingFields(result: AgentResult): Pick<ChatResponse, 'grounded' | 'grounding'> {
  const report = result.grounding;
  if (!report) return {};
  if (report.grounded) return { grounded: true };
  return {
    grounded: false,
    grounding: {
      corrected: report.corrected.map((c) => ({ kind: c.kind, wrote: c.wrote, ...(c.fact !== undefined ? { fact: c.fact } : {}) })),
      ...(report.fallback ? { fallback: true as const } : {}),
    },
  };
}

/** Makes the "exactly one final or error" rule hold even if a caller or the agent misbehaves. */
function endsOnce(sink: TurnSink): TurnSink {
  let ended = false;
  return {
    accepted: (ids) => sink.accepted(ids),
    delta: (text) => {
      if (!ended) sink.delta(text);
    },
    toolCall: (event) => {
      if (!ended) sink.toolCall(event);
    },
    final: (response) => {
      if (ended) return;
      ended = true;
      sink.final(response);
    },
    error: (error: DomainError, ids) => {
      if (ended) return;
      ended = true;
      sink.error(error, ids);
    },
  };
}

/**
 * The intent the response reports: the NLU's, unless the turn acted on the bet slip ("the draw
 * then", "que sean 12" read as UNCLEAR or a comparison), which clients and metrics count as a bet.
 */
function reportedIntent(intent: Intent, calls: ChatResponse['function_calls_made']): Intent {
  if (intent === 'BET_SIMULATION') return intent;
  return calls.some((call) => call.status === 'ok' && SLIP_TOOLS.has(call.name)) ? 'BET_SIMULATION' : intent;
}
