import type { BetProposal, Language } from '../common/protocol';

/** Wire shapes and internal messages of live updates (protocol.md §3 and §4, `/ws/sports-updates`). */

/** What the sports API needs to price a fixture (odds answer Active only with all three ids). */
export interface FixtureRef {
  fixtureId: string;
  tournamentId: string;
  sportId: string;
}

export type MovementDirection = 'up' | 'down' | 'stable';

/** protocol.md §3 `odds_update`: one selection whose price moved. */
export interface OddsUpdate {
  type: 'odds_update';
  match_id: string;
  tournament_id: string;
  market_type: string;
  outcome: string;
  /** The over/under goal line or handicap, when the market has one. */
  line?: number;
  old_odds: number;
  new_odds: number;
  change_percentage: number;
  movement_direction: MovementDirection;
  timestamp: string;
}

/**
 * The API gives no score or minute, so the states we can see are: the fixture is in its
 * tournament's live listing (`match_start`, then `full_time` when it leaves it) and its odds are
 * offered or not (`odds_suspended`, `odds_resumed`).
 */
export type MatchEventType = 'match_start' | 'full_time' | 'odds_suspended' | 'odds_resumed';

/** protocol.md §3 `match_update`. */
export interface MatchUpdate {
  type: 'match_update';
  match_id: string;
  tournament_id: string;
  event_type: MatchEventType;
  timestamp: string;
}

/** Everything one poll found new about one fixture; published once, delivered to every subscriber. */
export interface LiveBatch {
  fixture: FixtureRef;
  odds: OddsUpdate[];
  match: MatchUpdate[];
}

/** The `slip_update` event: the open slip's price moved, so it was re-offered at the new price. */
export interface SlipUpdate {
  type: 'slip_update';
  session_id: string;
  content: string;
  language: Language;
  bet_proposal: BetProposal;
  withdrawn_proposal_id: string;
  timestamp: string;
}

/** What a connection follows, as the `subscribe`/`unsubscribe` acks report it. */
export interface SubscribedView {
  fixture_ids: string[];
  tournament_ids: string[];
  open_slip: boolean;
}

export const refKey = (ref: FixtureRef): string => `${ref.sportId}|${ref.tournamentId}|${ref.fixtureId}`;

export function parseRefKey(key: string): FixtureRef | undefined {
  const [sportId, tournamentId, fixtureId, ...rest] = key.split('|');
  if (!sportId || !tournamentId || !fixtureId || rest.length > 0) return undefined;
  return { sportId, tournamentId, fixtureId };
}
