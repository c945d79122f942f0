import type { DomainError } from '../common/errors';
import type { BetProposal, Entities, FunctionCall, Intent, Language } from '../common/protocol';
import type { Transport } from '../metrics/metrics.service';
import type { FigureKind } from '../llm/grounding/figure-reader';
import type { SportsAccount } from '../sports-api/domain';

/** One user message as every transport hands it to ChatService.turn(). */
export interface TurnInput {
  userId: string;
  /** The user's sportsbook account, from their token; absent = the trusted client's (user id as given). */
  account?: SportsAccount;
  message: string;
  /** Created when absent. */
  sessionId?: string;
  /** Idempotency key; created when absent. */
  messageId?: string;
  /** The client's language: the answer's unless the message is clearly written in another. */
  language?: Language;
  /** IANA zone kick-off times are given in (protocol §2); UTC when absent. */
  timezone?: string;
  /** For metrics; defaults to rest. */
  transport?: Transport;
  /** The request's correlation id (REST), put on the turn's trace spans; one is made when absent. */
  correlationId?: string;
}

/** The final answer of a turn, in wire form (protocol.md §2; `stopped` as in §3). */
export interface ChatResponse {
  message: string;
  session_id: string;
  message_id: string;
  response_time_ms: number;
  token_count: number;
  detected_intent: Intent;
  intent_confidence: number;
  entities: Entities;
  language: Language;
  function_calls_made: FunctionCall[];
  suggested_actions: string[];
  bet_proposal?: BetProposal;
  withdrawn_proposal_id?: string;
  degraded?: true;
  stopped?: true;
  /** Every figure the answer states matched the turn's tool results; false when the guard changed some. */
  grounded?: boolean;
  /** What the grounding guard changed, present when `grounded` is false. */
  grounding?: GroundingSummary;
}

/**
 * The corrections of an answer on the wire: each figure as the model wrote it and the fact sent
 * instead. `fact` is absent for a figure nothing could replace; the rest of that answer is then
 * the tool results written out (`fallback`).
 */
export interface GroundingSummary {
  corrected: Array<{ kind: FigureKind; wrote: string; fact?: string }>;
  fallback?: true;
}

export interface ToolCallEvent {
  name: string;
  arguments: Record<string, unknown>;
  status: 'started' | 'ok' | 'error';
  durationMs?: number;
}

export interface TurnIds {
  sessionId: string;
  messageId: string;
  /** The turn's language once known (requested or detected), for error sentences. */
  language?: Language;
}

/**
 * Where a turn reports what happens. `accepted` comes first for every admitted message; after it
 * exactly one of `final` or `error` follows. An `error` without `accepted` is a refusal (bad input,
 * busy session, duplicate): transports answer it in the ack / HTTP status rather than as an event.
 */
export interface TurnSink {
  accepted(ids: TurnIds & { replay: boolean }): void;
  delta(text: string): void;
  toolCall(event: ToolCallEvent): void;
  final(response: ChatResponse): void;
  error(error: DomainError, ids?: TurnIds): void;
}
