import type { Language } from '../../common/protocol';
import type { SportsAccount } from '../../sports-api/domain';
import type { SessionSlip } from '../agent/agent.types';
import { ToolFailure } from './tool-failure';

/** Who the tools act for. Comes from the turn, never from model arguments. */
export interface ToolTurn {
  userId: string;
  /** The user's sportsbook account: balance and proposals read it; absent = the trusted-client account. */
  account?: SportsAccount;
  language: Language;
  /** The session's bet slip, when the turn runs in a session that keeps one. */
  slip?: SessionSlip;
}

/** The turn a tool call acts for, set by the agent's ToolRunner in the run config. */
export function turnOf(config: { configurable?: Record<string, unknown> }): ToolTurn {
  const turn = config.configurable?.turn as ToolTurn | undefined;
  if (!turn?.userId) throw new ToolFailure('no_turn', 'Tools run only inside a chat turn.');
  return turn;
}

/** Whose money the tools read: the turn's account, or the trusted client's for the turn's user. */
export function accountOf(turn: ToolTurn): SportsAccount {
  return turn.account ?? { userId: turn.userId };
}
