import type { ErrorBody, ErrorCode } from '../common/errors';
import type { SportsAccount } from '../sports-api/domain';
import type { BetProposal, Entities, FunctionCall, Intent, Language } from '../common/protocol';
import type { StoredMessage } from '../chat/state/conversation.store';
import type { GroundingSummary } from '../chat/chat.types';
import type { BetConfirmation } from '../chat/state/bet-proposal.store';
import type { StopRequest } from '../chat/running-turns';
import type { MatchUpdate, OddsUpdate, SlipUpdate, SubscribedView } from '../live/live.types';

/** Wire events of protocol.md §3 (Socket.IO) and §4 (plain WebSocket), shared by both gateways. */

interface TurnScoped {
  session_id: string;
  message_id: string;
}

export interface AssistantDelta extends TurnScoped {
  type: 'assistant_response';
  is_final: false;
  content: string;
  index: number;
}

export interface AssistantFinal extends TurnScoped {
  type: 'assistant_response';
  is_final: true;
  content: string;
  detected_intent: Intent;
  intent_confidence: number;
  entities: Entities;
  function_calls: string[];
  function_calls_made: FunctionCall[];
  suggested_actions: string[];
  language: Language;
  response_time_ms: number;
  token_count: number;
  bet_proposal?: BetProposal;
  withdrawn_proposal_id?: string;
  stopped?: true;
  degraded?: true;
  grounded?: boolean;
  grounding?: GroundingSummary;
}

export interface ToolCallFrame extends TurnScoped {
  type: 'tool_call';
  name: string;
  arguments: Record<string, unknown>;
  status: 'started' | 'ok' | 'error';
  duration_ms?: number;
}

/** `content` is the human sentence (§3); `message`/`correlation_id`/`details` repeat the ErrorBody. */
export interface ErrorFrame extends Partial<TurnScoped> {
  type: 'error';
  error_code: ErrorCode;
  content: string;
  message: string;
  correlation_id: string;
  details?: Record<string, unknown>;
}

export type AssistantResponse = AssistantDelta | AssistantFinal;
/** What a running turn sends, before any transport-specific reshaping. */
export type TurnFrame = AssistantResponse | ToolCallFrame | ErrorFrame;

export type UserMessageAck = { accepted: true; message_id: string; session_id: string } | { error: ErrorBody };
export type StopAck = { stopped: boolean };
export type ConfirmBetAck = BetConfirmation | { error: ErrorBody };
export type HistoryAck = { messages: StoredMessage[] } | { error: ErrorBody };
/** `running`: the turn is still being written and its frames follow live; false: only its final follows. */
export type ResumeAck = { resumed: true; session_id: string; message_id: string; running: boolean } | { error: ErrorBody };
export type SubscriptionAck = { subscribed: SubscribedView } | { error: ErrorBody };

export interface ClientToServerEvents {
  user_message: (payload: unknown, ack?: (answer: UserMessageAck) => void) => void;
  stop: (payload: unknown, ack?: (answer: StopAck | { error: ErrorBody }) => void) => void;
  confirm_bet: (payload: unknown, ack?: (answer: ConfirmBetAck) => void) => void;
  history: (payload: unknown, ack?: (answer: HistoryAck) => void) => void;
  resume: (payload: unknown, ack?: (answer: ResumeAck) => void) => void;
  subscribe: (payload: unknown, ack?: (answer: SubscriptionAck) => void) => void;
  unsubscribe: (payload: unknown, ack?: (answer: SubscriptionAck) => void) => void;
}

export interface ServerToClientEvents {
  assistant_response: (payload: AssistantResponse) => void;
  tool_call: (payload: ToolCallFrame) => void;
  error: (payload: ErrorFrame) => void;
  odds_update: (payload: OddsUpdate) => void;
  match_update: (payload: MatchUpdate) => void;
  slip_update: (payload: SlipUpdate) => void;
}

/** Between instances (through the Socket.IO adapter): stop a turn wherever it runs. */
export interface InterServerEvents {
  stop_turn: (request: StopRequest, ack: (stopped: boolean) => void) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  /** Whose money this connection's turns and confirms use (the token's account, or the trusted client's). */
  account: SportsAccount;
  /** The user id came from a verified token: a payload naming another user is FORBIDDEN. */
  verified: boolean;
}
