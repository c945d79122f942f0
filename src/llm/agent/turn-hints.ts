import type { BetProposal, Entities, Intent, Language, MarketKey, PickStyle } from '../../common/protocol';
import type { AmbiguousMention } from '../../nlu/catalogue/catalogue-resolver';
import type { UnknownSubject } from '../../nlu/coverage-reader';
import type { SlipReading } from '../../nlu/slip-reader';
import type { AnswerFocus, NluResult } from '../../nlu/nlu.types';

/** The open slip as both engines read it in the hints: enough to change it or talk about it. */
export interface OpenSlipHint {
  proposal_id: string;
  stake: number;
  currency: string;
  expires_at: string;
  selections: Array<{
    fixture_id: string;
    home_team: string;
    away_team: string;
    market: MarketKey;
    line?: number;
    outcome: string;
    odd: number;
  }>;
}

/**
 * What the agent tells every engine about the turn besides the conversation: the NLU reading,
 * the language and today's date. It travels inside the system message as one tagged JSON block,
 * so Gemini reads it as plain prompt text and the offline engine reads it back from the message
 * (the message list is the only input a chat model gets, whatever the engine): by the message,
 * when the agent rendered it in this process (rememberTurnHints), else by parsing the block.
 */
export interface TurnHints {
  language: Language;
  intent: Intent;
  confidence: number;
  entities: Entities;
  /** ISO date (UTC) of the turn, for "today" / "tomorrow". */
  today: string;
  /** What the message does to a bet slip or says of a stake (NLU). */
  slip?: SlipReading;
  /** The conversation's open bet slip, when there is one. */
  open_slip?: OpenSlipHint;
  /** IANA zone the user reads times in (protocol §2). */
  timezone?: string;
  /** Names that fit several teams, none of them clear: ask which one before anything else. */
  ambiguous?: AmbiguousMention[];
  /** Asked about something the sportsbook does not offer: say so, with what it does offer. */
  unknown?: UnknownSubject;
  /** A market asked for that no match offers ("corners"): say so, then show what is offered. */
  market_not_offered?: string;
  /** The user asks which markets the match offers: call get_odds with all_markets. */
  asks_markets?: true;
  /** "why?" after picks: give the reasons, from the numbers. */
  asks_why?: true;
  /** The message continues the previous turn (its match or team carried over): answer what is new. */
  follow_up?: true;
  /** The kind of pick asked for: pass it to get_recommendations as `style`. */
  pick_style?: PickStyle;
  /** How many picks the user asked for: pass it to get_recommendations as `limit`. */
  pick_count?: number;
  /** The selection the message points at ("put 20 on it"): the previous answer's top pick. */
  focus?: AnswerFocus;
}

export function slipSummary(proposal: BetProposal): OpenSlipHint {
  return {
    proposal_id: proposal.proposal_id,
    stake: proposal.stake,
    currency: proposal.currency,
    expires_at: proposal.expires_at,
    selections: proposal.selections.map((s) => ({
      fixture_id: s.fixture_id,
      home_team: s.home_team,
      away_team: s.away_team,
      market: s.market,
      ...(s.line !== undefined ? { line: s.line } : {}),
      outcome: s.outcome,
      odd: s.odd,
    })),
  };
}

const OPEN = '<turn_hints>';
const CLOSE = '</turn_hints>';

export function renderTurnHints(hints: TurnHints): string {
  return `${OPEN}\n${JSON.stringify(hints)}\n${CLOSE}`;
}

/**
 * The hints each system message was rendered with. The offline engine runs in this process and
 * would otherwise parse back, on every turn, the JSON the agent has just written (a flat copy of
 * the whole prompt and a JSON.parse); a message rendered elsewhere is still read from its text.
 * Nothing changes the hints once rendered, so the object and its JSON say the same.
 */
const renderedWith = new WeakMap<object, TurnHints>();

/** Remembers that `message` carries `hints`, rendered into its text by renderTurnHints. */
export function rememberTurnHints(message: object, hints: TurnHints): void {
  renderedWith.set(message, hints);
}

/** The hints of a system message: those it was rendered with in this process, else read from its text. */
export function turnHintsOf(message: object, text: () => string): TurnHints | undefined {
  return renderedWith.get(message) ?? readTurnHints(text());
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

/**
 * The zone a turn shows times in. A zone named in the message wins over the client's; where the
 * user said earlier they are wins over the client's too (they know where they are better than
 * their device's setting); the first clock they asked for is kept only when the client gives none.
 */
export function turnZone(nlu: Pick<NluResult, 'timezone' | 'userZone'>, clientZone: string | undefined): string | undefined {
  const kept = nlu.userZone;
  return nlu.timezone ?? (kept?.stated ? kept.zone : undefined) ?? clientZone ?? kept?.zone;
}
