/**
 * Wire shapes shared by every transport, mirroring protocol.md §1. Field names are snake_case on
 * the wire on purpose: clients of the original backend read them as they are.
 */
export const INTENTS = [
  'MATCH_SCHEDULE_QUERY',
  'ODDS_INFORMATION_QUERY',
  'BETTING_RECOMMENDATION',
  'TEAM_COMPARISON',
  'TOURNAMENT_INFO',
  'USER_BALANCE_QUERY',
  'BET_SIMULATION',
  'GENERAL_SPORTS_QUERY',
  'GREETING',
  'HELP_REQUEST',
  'UNCLEAR',
] as const;
export type Intent = (typeof INTENTS)[number];

export const LANGUAGES = ['en', 'es', 'pt_br'] as const;

/**
 * The kinds of pick a bettor asks for: the likeliest outcomes ("safe"), the fairest prices
 * ("value"), or sides the market does not favour ("underdog"). Without one, a mix.
 */
export const PICK_STYLES = ['safe', 'value', 'underdog'] as const;
export type PickStyle = (typeof PICK_STYLES)[number];
export type Language = (typeof LANGUAGES)[number];

/** The sports API's own market keys; the six below are always offered by the simulator. */
export type MarketKey =
  | 'result'
  | 'win'
  | 'over_under'
  | 'both_teams_to_score'
  | 'double_chance'
  | 'handicap'
  | 'half_time_result';
export const MARKET_KEYS: readonly MarketKey[] = [
  'result',
  // Two-way winner of sports without draws (basketball's moneyline).
  'win',
  'over_under',
  'both_teams_to_score',
  'double_chance',
  'handicap',
  'half_time_result',
];

/** The market an outcome belongs to when only one market has it ("under" → over/under). */
export function marketOfOutcome(outcome: string | undefined): MarketKey | undefined {
  if (outcome === undefined) return undefined;
  switch (outcome) {
    case 'over':
    case 'under':
      return 'over_under';
    case 'yes':
    case 'no':
      return 'both_teams_to_score';
    case 'home_or_draw':
    case 'away_or_draw':
    case 'home_or_away':
      return 'double_chance';
    default:
      return undefined;
  }
}

/**
 * The market an outcome named on its own points at, the draw's included: the match result's
 * ("the draw then", "el empate del segundo"). marketOfOutcome leaves the draw out, since it is in
 * several markets and a message naming it names no market label of its own.
 */
export function marketOfPick(outcome: string | undefined): MarketKey | undefined {
  return outcome === 'draw' ? 'result' : marketOfOutcome(outcome);
}

/** Markets in which a team's side is a selection of its own (a total or "both teams score" has none). */
export const SIDED_MARKETS: ReadonlySet<string> = new Set<MarketKey>(['result', 'win', 'handicap', 'double_chance', 'half_time_result']);

export type Side = 'home' | 'away';

/**
 * The outcome of `market` a bettor backing `side` means, or the one they named ("under", "no",
 * "draw"): the side itself where a market has sides (1X2, half time, two-way winner, handicap),
 * its double-chance cover, and where sides mean nothing the named total or "yes" by default.
 * One rule for the tools, the offline engine and the NLU's pointers, so a slip changed by any reads
 * the same.
 */
export function sideOutcome(market: string, side: Side, named?: string): string {
  switch (market) {
    case 'over_under':
      return named === 'under' ? 'under' : 'over';
    case 'both_teams_to_score':
      return named === 'no' ? 'no' : 'yes';
    case 'double_chance':
      return `${side}_or_draw`;
    default:
      return named === 'draw' ? 'draw' : side;
  }
}

export interface Entities {
  /** Canonical names, e.g. "Paris Saint-Germain". */
  teams: string[];
  /** Canonical names, e.g. "Champions League". */
  tournaments: string[];
  /** ISO dates (YYYY-MM-DD) the user referred to. */
  dates: string[];
  /** Stakes in the user's currency units. */
  amounts: number[];
  markets: MarketKey[];
}

export function emptyEntities(): Entities {
  return { teams: [], tournaments: [], dates: [], amounts: [], markets: [] };
}

export interface FunctionCall {
  name: string;
  arguments: Record<string, unknown>;
  status: 'ok' | 'error';
  duration_ms: number;
}

export interface BetProposalSelection {
  fixture_id: string;
  tournament_id: string;
  sport_id: string;
  home_team: string;
  away_team: string;
  /** ISO timestamp (UTC). */
  start_time: string;
  /** Set when the match was being played when the slip was priced. */
  live?: true;
  market: MarketKey;
  /** The line of an over/under or handicap selection (2.5, -1.5). */
  line?: number;
  /** Normalised outcome key, e.g. "home", "draw", "over", "yes". */
  outcome: string;
  odd: number;
  bet_id: string;
}

export interface BetProposal {
  proposal_id: string;
  /** ISO timestamp. */
  expires_at: string;
  stake: number;
  currency: string;
  selections: BetProposalSelection[];
  combined_odd: number;
  potential_win: number;
}
