import type { Language } from '../../common/protocol';
import { ToolFailure } from './tool-failure';

/** Who the tools act for. Comes from the turn, never from model arguments. */
export interface ToolTurn {
  userId: string;
  language: Language;
}

/** The turn a tool call acts for, set by the agent's ToolRunner in the run config. */
export function turnOf(config: { configurable?: Record<string, unknown> }): ToolTurn {
  const turn = config.configurable?.turn as ToolTurn | undefined;
  if (!turn?.userId) throw new ToolFailure('no_turn', 'Tools run only inside a chat turn.');
  return turn;
}
