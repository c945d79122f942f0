import type { BetProposal, FunctionCall, Language } from '../../common/protocol';
import type { AnswerFocus, ListedMatch, NluResult } from '../../nlu/nlu.types';
import type { SportsAccount } from '../../sports-api/domain';
import type { GroundingReport } from '../grounding/grounding-guard';

export interface ChatTurnMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The session's bet slip as a turn sees it: the open proposal, if any, and the one thing a turn
 * may do to it directly — withdraw it (cancel, or replace with a changed one). New proposals go
 * back in the result and the chat pipeline keeps them.
 */
export interface SessionSlip {
  /** The open slip; within a turn, the tools move it to the slip they just proposed. */
  open?: BetProposal;
  /** False when the slip can no longer be withdrawn: it is being placed, or was placed. */
  withdraw(proposalId: string): Promise<boolean>;
}

export interface AgentTurnInput {
  userId: string;
  /** The user's sportsbook account (balance, stakes); absent = the trusted-client account. */
  account?: SportsAccount;
  sessionId: string;
  messageId: string;
  message: string;
  language: Language;
  nlu: NluResult;
  /** Last pairs of the session, oldest first, without the current message. */
  history: ChatTurnMessage[];
  /** The session's bet slip; a turn without one cannot change or cancel a slip. */
  slip?: SessionSlip;
  /** IANA time zone the client reads kick-off times in (protocol §2). */
  timezone?: string;
}

export type AgentEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'tool_call';
      name: string;
      arguments: Record<string, unknown>;
      status: 'started' | 'ok' | 'error';
      durationMs?: number;
    };

export interface AgentResult {
  text: string;
  functionCallsMade: FunctionCall[];
  tokenCount: number;
  suggestedActions: string[];
  /** The slip this turn created, changed or offered again. */
  betProposal?: BetProposal;
  /** The slip this turn cancelled or replaced (already withdrawn in the store). */
  withdrawnProposalId?: string;
  /** Some data came from a stale cache or a tool failed; the answer may be partial. */
  degraded: boolean;
  /** The turn was aborted; `text` holds what was written so far. */
  stopped: boolean;
  /** Raw JSON of every tool result of the turn, in call order (for the groundedness check / eval). */
  toolResults?: string[];
  /** What the grounding guard checked and corrected in the streamed text. */
  grounding?: GroundingReport;
  /** The selection the answer put forward first (its top pick), which "it" may mean next turn. */
  focus?: AnswerFocus;
  /** The matches the answer listed, in order, for "the first one" next turn. */
  listed?: ListedMatch[];
  /** The one match the answer was about, for a team of it named next turn ("and Spurs?"). */
  match?: ListedMatch;
}

/**
 * Runs one turn: model steps, tool calls, streamed text. Emits deltas and tool events as they
 * happen and resolves with the final result; rejects with LlmUnavailableError / LlmTimeoutError.
 * When `signal` aborts it resolves with `stopped: true` and the text so far.
 */
export abstract class Agent {
  abstract run(input: AgentTurnInput, emit: (event: AgentEvent) => void, signal: AbortSignal): Promise<AgentResult>;
}
