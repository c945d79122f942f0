import type { Entities, Intent, Language } from '../../common/protocol';

/**
 * What the agent tells every engine about the turn besides the conversation: the NLU reading,
 * the language and today's date. It travels inside the system message as one tagged JSON block,
 * so Gemini reads it as plain prompt text and the offline engine parses it back (the message
 * list is the only input a chat model gets, whatever the engine).
 */
export interface TurnHints {
  language: Language;
  intent: Intent;
  confidence: number;
  entities: Entities;
  /** ISO date (UTC) of the turn, for "today" / "tomorrow". */
  today: string;
}

const OPEN = '<turn_hints>';
const CLOSE = '</turn_hints>';

export function renderTurnHints(hints: TurnHints): string {
  return `${OPEN}\n${JSON.stringify(hints)}\n${CLOSE}`;
}

export function readTurnHints(text: string): TurnHints | undefined {
  const start = text.lastIndexOf(OPEN);
  const end = text.lastIndexOf(CLOSE);
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(text.slice(start + OPEN.length, end)) as TurnHints;
  } catch {
    return undefined;
  }
}
