import type { Entities, Intent, Language, MarketKey, PickStyle } from '../common/protocol';
import type { AmbiguousMention } from './catalogue/catalogue-resolver';
import type { UnknownSubject } from './coverage-reader';
import type { SlipReading } from './slip-reader';
import type { UserZone } from './zone-extractor';

/** What local understanding makes of one user message, before any model runs. */
export interface NluResult {
  language: Language;
  intent: Intent;
  /** Calibrated 0..1. */
  confidence: number;
  /** Entities of this message, with follow-up carry-over already applied. */
  entities: Entities;
  /** True when some entities were inherited from earlier turns. */
  inherited: boolean;
  /** What the message does to a bet slip or says of a stake, when it does (see slip-reader.ts). */
  slip?: SlipReading;
  /** An IANA zone the message names for times ("hora argentina" → America/Argentina/Buenos_Aires). */
  timezone?: string;
  /**
   * The zone the session's later times are shown in: where the user said they are, else the first
   * clock they asked for. Carried from turn to turn (zone-extractor.ts, keptUserZone).
   */
  userZone?: UserZone;
  /** Names that fit several teams ("Madrid"), when no team is clear: the answer asks which. */
  ambiguous?: AmbiguousMention[];
  /** A team, competition or sport asked about that the catalogue does not have. */
  unknown?: UnknownSubject;
  /** A market asked for that the sportsbook has none of ("corners"), as the user wrote it. */
  unofferedMarket?: string;
  /** Which markets the match of `entities.teams` offers is asked ("what else can I bet on there?"). */
  asksMarkets?: boolean;
  /** "why?" right after picks: the answer gives the reasons from the numbers. */
  asksWhy?: boolean;
  /** The kind of pick asked for ("a safe bet", "an underdog"), when advice is asked. */
  pickStyle?: PickStyle;
  /** How many picks were asked for ("only one", "dame dos"), when advice is asked with a number. */
  pickCount?: number;
  /** The selection this message points at with "it" or "that" (the previous answer's pick). */
  focus?: AnswerFocus;
  /**
   * Set on the stored result of a turn whose answer put one selection forward (its first pick), so
   * the next message can point at it: "put 20 on it", "what time is that in Madrid?".
   */
  answerFocus?: AnswerFocus;
  /** Set on the stored result of a turn whose answer listed matches, in the order shown ("the second one"). */
  answerListing?: ListedMatch[];
  /** Set on the stored result of a turn whose answer was about one match ("and Spurs?" is then Spurs in it). */
  answerMatch?: ListedMatch;
}

/** One match of a listing, as an answer showed it. */
export interface ListedMatch {
  fixture_id: string;
  home_team: string;
  away_team: string;
}

/** One selection of one match, as an answer put it forward (or one match, with no outcome yet: "the first one"). */
export interface AnswerFocus extends ListedMatch {
  market: MarketKey;
  outcome?: string;
  line?: number;
  /** The selection as named ("Inter", "Draw", "Over 2.5"), when an answer named one. */
  name?: string;
}

/** What the NLU remembers of a conversation to resolve follow-ups ("and for Atletico?"). */
export interface NluContext {
  /** Earlier user messages of the session, oldest first. */
  previousUserMessages: string[];
  /** The previous turn's result, if any. */
  previous?: NluResult;
  /** The client's language (its UI's): the answer's language unless the message clearly is in another. */
  preferredLanguage?: Language;
  /** "Now" for relative dates ("tomorrow", "this weekend"); the current time when absent. */
  referenceDate?: Date;
}

/**
 * Local language understanding as the chat pipeline sees it. Synchronous and fast (< 5 ms):
 * it runs on every message before any model.
 */
export abstract class LanguageUnderstanding {
  abstract analyze(text: string, context: NluContext): NluResult;
}
