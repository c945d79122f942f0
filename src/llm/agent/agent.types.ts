import type { BetProposal, FunctionCall, Language } from '../../common/protocol';
import type { NluResult } from '../../nlu/nlu.types';

export interface ChatTurnMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface AgentTurnInput {
  userId: string;
  sessionId: string;
  messageId: string;
  message: string;
  language: Language;
  nlu: NluResult;
  /** Last pairs of the session, oldest first, without the current message. */
  history: ChatTurnMessage[];
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
  betProposal?: BetProposal;
  /** Some data came from a stale cache or a tool failed; the answer may be partial. */
  degraded: boolean;
  /** The turn was aborted; `text` holds what was written so far. */
  stopped: boolean;
  /** Raw JSON of every tool result of the turn, in call order (for the groundedness check / eval). */
  toolResults?: string[];
}

/**
 * Runs one turn: model steps, tool calls, streamed text. Emits deltas and tool events as they
 * happen and resolves with the final result; rejects with LlmUnavailableError / LlmTimeoutError.
 * When `signal` aborts it resolves with `stopped: true` and the text so far.
 */
export abstract class Agent {
  abstract run(input: AgentTurnInput, emit: (event: AgentEvent) => void, signal: AbortSignal): Promise<AgentResult>;
}
