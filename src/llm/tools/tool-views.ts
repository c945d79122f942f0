import type { BetProposal, MarketKey } from '../../common/protocol';
import type { Fixture, Market, Odds } from '../../sports-api/domain';
import { parlayPayout } from '../../sports-api/payout';
import { memoizeByObject } from '../../common/memo';

/**
 * The compact JSON shapes tools return. The model quotes these numbers; the offline engine writes
 * its answers from them; the groundedness check compares answers against them.
 */
export interface FixtureView {
  fixture_id: string;
  tournament_id: string;
  sport_id: string;
  tournament: string;
  home_team: string;
  away_team: string;
  /** ISO timestamp (UTC). */
  start_time: string;
  status: 'upcoming' | 'live';
}

export interface SelectionView {
  outcome: string;
  name: string;
  odd: number;
  /** 1 / odd, as a percentage with one decimal. */
  implied_probability_pct: number;
}

export interface MarketView {
  market: MarketKey;
  line?: number;
  selections: SelectionView[];
  /** Bookmaker margin (overround) of the market, percent with one decimal. */
  margin_pct: number;
}

export interface PayoutExample {
  stake: number;
  market: MarketKey;
  line?: number;
  outcome: string;
  name: string;
  odd: number;
  returns: number;
  profit: number;
}

export interface OddsResult {
  fixture: FixtureView;
  markets: MarketView[];
  /** What the user's stake returns on each selection of the asked market (none without a stake). */
  payout_examples: PayoutExample[];
  /** The market asked for, when this match does not offer it, with the markets it does. */
  not_offered?: { market: string; offered: MarketKey[] };
  stale?: true;
}

export interface FixturesResult {
  fixtures: FixtureView[];
  count: number;
  stale?: true;
  note?: string;
}

export interface PayoutResult {
  stake: number;
  odds: number[];
  combined_odd: number;
  potential_return: number;
  profit: number;
  kind: 'single' | 'parlay';
}

export interface BalanceResult {
  balance: number;
  playable_balance: number;
  withdrawable_balance: number;
  currency: string;
  stale?: true;
}

export interface RecommendationPick {
  fixture: FixtureView;
  market: MarketKey;
  line?: number;
  outcome: string;
  name: string;
  odd: number;
  implied_probability_pct: number;
  margin_pct: number;
  kind: 'favourite' | 'value' | 'low_margin' | 'safe' | 'underdog';
  /** For a double-chance cover: the 1X2 odd of the favourite it covers. */
  favourite_odd?: number;
  reasoning: string;
  /** What the user's stake returns on this pick; only when the user named a stake. */
  example?: { stake: number; returns: number };
}

export interface RecommendationsResult {
  picks: RecommendationPick[];
  disclaimer: string;
  stale?: true;
}

/** What propose_bet, update_bet_slip and show_bet_slip return: a slip for the user to confirm. */
export interface ProposalResult {
  proposal: BetProposal;
  placed: false;
  note: string;
  /** The slip this one replaced, withdrawn. */
  withdrawn_proposal_id?: string;
  /** The same slip offered again (confirm asked in chat). */
  reoffered?: true;
  /** The line asked is not offered; the slip has the offered one. */
  line_note?: string;
  balance?: number;
  stale?: true;
}

export interface ToolErrorResult {
  error: string;
  message: string;
}

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
export const round1 = (n: number): number => Math.round((n + Number.EPSILON) * 10) / 10;

/**
 * A fixture's view, made once per fixture object: listings are served from the cache as the same
 * objects turn after turn, and every answer about them shows the same views. Views are read-only.
 */
export const fixtureView: (fixture: Fixture) => FixtureView = memoizeByObject((fixture: Fixture): FixtureView => ({
  fixture_id: fixture.id,
  tournament_id: fixture.tournamentId,
  sport_id: fixture.sportId,
  tournament: fixture.tournamentName,
  home_team: fixture.homeTeam,
  away_team: fixture.awayTeam,
  start_time: fixture.startTime.toISOString(),
  status: fixture.type === 'live' ? 'live' : 'upcoming',
}));

/** Overround: how far the implied probabilities add up past 100 %. */
export function marketMargin(market: Market): number {
  const total = market.selections.reduce((sum, s) => sum + (s.odd > 0 ? 1 / s.odd : 0), 0);
  // Each result is covered by two of the three double-chance selections: a fair book sums to 2.
  const fair = market.key === 'double_chance' ? 2 : 1;
  return round1((total - fair) * 100);
}

/** A market's view, made once per market object (odds are served from the cache as the same objects too). */
export const marketView: (market: Market) => MarketView = memoizeByObject(
  (market: Market): MarketView => ({
    market: market.key,
    ...(market.line !== undefined ? { line: market.line } : {}),
    selections: market.selections.map((s) => ({
      outcome: s.outcome,
      name: s.name,
      odd: s.odd,
      implied_probability_pct: round1(100 / s.odd),
    })),
    margin_pct: marketMargin(market),
  }),
);

/** The markets to show for a question: 1X2 always first, then the asked ones. */
export function pickMarkets(odds: Odds, asked: MarketKey[]): Market[] {
  const wanted: MarketKey[] = ['result', 'win', ...asked.filter((m) => m !== 'result' && m !== 'win')];
  const picked = wanted
    .map((key) => odds.markets.find((m) => m.key === key))
    .filter((m): m is Market => m !== undefined);
  return picked.length > 0 ? picked : odds.markets.slice(0, 1);
}

/** Stake × odds (a parlay multiplies its odds), exact to the cent: the sportsbook's own maths. */
export function payout(stakeAmount: number, odds: number[]): PayoutResult {
  const p = parlayPayout(stakeAmount, odds);
  return {
    stake: p.stake,
    odds,
    combined_odd: p.odd,
    potential_return: p.returns,
    profit: p.profit,
    kind: odds.length > 1 ? 'parlay' : 'single',
  };
}
