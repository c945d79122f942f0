import type { Odds } from '../sports-api/domain';
import type { FixtureRef, LiveBatch, MatchUpdate, OddsUpdate } from './live.types';

/** Odds are compared to the ten-thousandth the payout maths uses, so float noise is not a move. */
const ODD_EPSILON = 0.00005;

interface Price {
  market: string;
  outcome: string;
  line?: number;
  odd: number;
}

/** What the poller last saw of a fixture: each selection's price, whether odds are offered, whether it is live. */
export interface FixtureSnapshot {
  prices: Map<string, Price>;
  active: boolean;
  /** Undefined when the live listing could not be read (then no start/end is inferred). */
  live?: boolean;
}

export function snapshotOf(odds: Odds, live: boolean | undefined): FixtureSnapshot {
  const prices = new Map<string, Price>();
  if (odds.active) {
    for (const market of odds.markets) {
      for (const selection of market.selections) {
        const key = `${market.key}|${market.line ?? ''}|${selection.outcome}`;
        prices.set(key, { market: market.key, outcome: selection.outcome, odd: selection.odd, ...(market.line !== undefined ? { line: market.line } : {}) });
      }
    }
  }
  return { prices, active: odds.active, live };
}

/**
 * What changed between two polls of one fixture. The first poll is the baseline and reports
 * nothing: a subscriber hears about moves, not the prices it can already ask for. A selection
 * that appears or disappears (a new main line, a closed market) is not a move either.
 */
export function diffFixture(fixture: FixtureRef, before: FixtureSnapshot | undefined, after: FixtureSnapshot, now: Date): LiveBatch {
  const batch: LiveBatch = { fixture, odds: [], match: [] };
  if (!before) return batch;
  const timestamp = now.toISOString();
  const match = (event_type: MatchUpdate['event_type']): MatchUpdate => ({
    type: 'match_update',
    match_id: fixture.fixtureId,
    tournament_id: fixture.tournamentId,
    event_type,
    timestamp,
  });
  if (before.live === false && after.live === true) batch.match.push(match('match_start'));
  if (before.live === true && after.live === false) batch.match.push(match('full_time'));
  if (before.active && !after.active) batch.match.push(match('odds_suspended'));
  if (!before.active && after.active) batch.match.push(match('odds_resumed'));
  for (const [key, price] of after.prices) {
    const old = before.prices.get(key);
    if (!old || Math.abs(old.odd - price.odd) <= ODD_EPSILON) continue;
    batch.odds.push(oddsUpdate(fixture, old.odd, price, timestamp));
  }
  return batch;
}

function oddsUpdate(fixture: FixtureRef, oldOdd: number, price: Price, timestamp: string): OddsUpdate {
  const change = ((price.odd - oldOdd) / oldOdd) * 100;
  return {
    type: 'odds_update',
    match_id: fixture.fixtureId,
    tournament_id: fixture.tournamentId,
    market_type: price.market,
    outcome: price.outcome,
    ...(price.line !== undefined ? { line: price.line } : {}),
    old_odds: oldOdd,
    new_odds: price.odd,
    change_percentage: Math.round(change * 100) / 100,
    movement_direction: price.odd > oldOdd ? 'up' : price.odd < oldOdd ? 'down' : 'stable',
    timestamp,
  };
}
