import type { Language, MarketKey } from '../common/protocol';

/** Our own types for what the ChatBet API knows. Adapters translate raw payloads into these. */

export interface Sport {
  id: string;
  name: string;
}

export interface Tournament {
  id: string;
  sportId: string;
  name: string;
  /** Country or region, when the API says. */
  country?: string;
}

export type FixtureType = 'pre_match' | 'live';

export interface Fixture {
  id: string;
  sportId: string;
  tournamentId: string;
  tournamentName: string;
  homeTeam: string;
  awayTeam: string;
  /** A real instant, rebuilt from the API's "MM-DD HH:mm" with the right year. */
  startTime: Date;
  type: FixtureType;
}

export interface OddsSelection {
  /** Normalised key: home | draw | away | yes | no | over | under | home_or_draw | away_or_draw | home_or_away. */
  outcome: string;
  /** Display name as the API gives it, e.g. "Barcelona", "Over 2.5". */
  name: string;
  /** Decimal odds. */
  odd: number;
  betId: string;
}

export interface Market {
  key: MarketKey;
  /** Goal line for over/under, handicap value for handicap. */
  line?: number;
  selections: OddsSelection[];
}

export interface Odds {
  fixtureId: string;
  sportId: string;
  tournamentId: string;
  /** Inactive means the API has no prices for this fixture (wrong ids or market closed). */
  active: boolean;
  markets: Market[];
}

export interface Balance {
  userId: string;
  money: number;
  playableBalance: number;
  withdrawableBalance: number;
  currency: string;
}

export interface BetLeg {
  fixtureId: string;
  tournamentId: string;
  sportId: string;
  betId: string;
  odd: number;
  market: MarketKey;
  outcome: string;
}

/**
 * Whose money a balance read or a bet uses. With user tokens it is the user's own sportsbook user
 * key (from a token claim) and the API finds the user id (validate_user). A trusted client (API
 * key, or no authentication) speaks for its users: the configured CHATBET_USER_KEY and the
 * user_id as given, as the original backend did.
 */
export interface SportsAccount {
  /** The sportsbook's user key; absent = the configured CHATBET_USER_KEY. */
  userKey?: string;
  /** The sportsbook's user id; absent = the one validate_user gives for the key. */
  userId?: string;
}

/** A name for the account in fakes and logs (never a secret: user keys are not logged). */
export function accountId(account: SportsAccount): string {
  return account.userId ?? `key:${account.userKey ?? ''}`;
}

export interface PlaceBetInput {
  account: SportsAccount;
  stake: number;
  /** One leg is a single bet, several a combo (parlay). */
  legs: BetLeg[];
  language?: Language;
}

export interface BetReceipt {
  betId: string;
  message: string;
  stake: number;
  possibleWin: number;
  /** Balance after the bet, when the API reports it or it could be read back. */
  balance?: number;
}

/** Teams and tournaments as the API names them, for resolving what users type. */
export interface Catalogue {
  tournaments: Array<{ id: string; sportId: string; name: string }>;
  teams: Array<{ name: string; tournamentIds: string[] }>;
}

/** Data plus whether it came from a stale cache entry because the API failed. */
export interface Fetched<T> {
  data: T;
  stale: boolean;
}
