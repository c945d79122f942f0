import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { type TurnHints, turnHintsOf } from '../agent/turn-hints';
import { messageText } from '../model/step-chunk';
import { memoizeByObject } from '../../common/memo';
import type { BetProposal } from '../../common/protocol';
import type {
  BalanceResult,
  FixturesResult,
  FixtureView,
  OddsResult,
  PayoutResult,
  ProposalResult,
  RecommendationsResult,
} from '../tools/tool-views';

/** What each tool returns when it succeeds: the views in tool-views.ts. */
export interface ToolResults {
  get_sports: { sports: Array<{ id: string; name: string }>; stale?: true };
  get_tournaments: { tournaments: Array<{ id: string; name: string }>; count: number; stale?: true };
  get_fixtures: FixturesResult;
  find_match: { match: FixtureView; stale?: true };
  get_odds: OddsResult;
  calculate_payout: PayoutResult;
  get_user_balance: BalanceResult;
  propose_bet: ProposalResult;
  update_bet_slip: ProposalResult;
  show_bet_slip: ProposalResult;
  cancel_bet_slip: { withdrawn_proposal_id: string; cancelled: BetProposal; placed: false };
  get_recommendations: RecommendationsResult;
}

/** One tool result of the current turn, parsed back from its ToolMessage. */
export interface ToolOutcome {
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
  /** Parsed JSON output (an error object when `ok` is false). */
  result: Record<string, unknown>;
}

/** What the offline engine reads from the message list: the hints, the user's words, tool results. */
export interface TurnView {
  hints?: TurnHints;
  userText: string;
  /** Every tool result since the user's message, in call order. */
  outcomes: ToolOutcome[];
  /** Model steps already taken in this turn (AI messages after the user's message). */
  steps: number;
}

/**
 * The successful results of one tool this turn, typed by what that tool returns. Our tools built
 * them (the runner keeps the returned object as the message's artifact), so they are read as
 * their views without being checked again.
 */
export function succeeded<N extends keyof ToolResults>(
  turn: TurnView,
  name: N,
): Array<{ args: Record<string, unknown>; result: ToolResults[N] }> {
  const found: Array<{ args: Record<string, unknown>; result: ToolResults[N] }> = [];
  for (const o of turn.outcomes) if (o.name === name && o.ok) found.push({ args: o.args, result: o.result as unknown as ToolResults[N] });
  return found;
}

/** The results alone: the writers ask for several tools' on every answer, most of them absent. */
export function resultsOf<N extends keyof ToolResults>(turn: TurnView, name: N): Array<ToolResults[N]> {
  const found: Array<ToolResults[N]> = [];
  for (const o of turn.outcomes) if (o.name === name && o.ok) found.push(o.result as unknown as ToolResults[N]);
  return found;
}

/** Hints parsed per system message: the agent sends the same one to every step of a turn. */
const hintsOf = memoizeByObject((system: BaseMessage) => turnHintsOf(system, () => messageText(system)));

export function readTurn(messages: BaseMessage[]): TurnView {
  const system = messages.find((m) => SystemMessage.isInstance(m));
  const hints = system ? hintsOf(system) : undefined;
  let start = messages.length - 1;
  while (start >= 0 && !HumanMessage.isInstance(messages[start])) start--;
  const userText = start >= 0 ? messageText(messages[start]) : '';
  const outcomes: ToolOutcome[] = [];
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  let steps = 0;
  for (const message of messages.slice(start + 1)) {
    if (AIMessage.isInstance(message)) {
      steps++;
      for (const call of message.tool_calls ?? [])
        calls.set(call.id ?? '', { name: call.name, args: call.args });
    } else if (ToolMessage.isInstance(message)) {
      const call = calls.get(message.tool_call_id);
      const result = toolResult(message);
      const ok = message.status !== 'error' && !('error' in result);
      outcomes.push({ name: call?.name ?? message.name ?? 'unknown', args: call?.args ?? {}, ok, result });
    }
  }
  return { hints, userText, outcomes, steps };
}

/**
 * A tool result as data: the runner keeps what the tool returned as the message's artifact (what
 * LangChain has for results not meant for the model), which saves parsing back the JSON it was
 * just turned into; a message from elsewhere is parsed from its content.
 */
function toolResult(message: ToolMessage): Record<string, unknown> {
  const artifact: unknown = message.artifact;
  if (typeof artifact === 'object' && artifact !== null && !Array.isArray(artifact)) return artifact as Record<string, unknown>;
  try {
    return JSON.parse(messageText(message)) as Record<string, unknown>;
  } catch {
    return { error: 'unreadable', message: messageText(message) };
  }
}
