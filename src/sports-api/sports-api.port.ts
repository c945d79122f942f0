import type { Language } from '../common/protocol';
import type {
  Balance,
  BetReceipt,
  Fixture,
  FixtureType,
  Odds,
  PlaceBetInput,
  Sport,
  SportsAccount,
  Tournament,
} from './domain';

/** Per-call options every method accepts last; implementations may ignore them. */
export interface SportsApiCallOptions {
  /** Aborts the upstream request (a stopped turn, a closed socket). */
  signal?: AbortSignal;
}

/**
 * The ChatBet API as the rest of the app sees it (one method per upstream operation, our own
 * types). The HTTP adapter implements it; tests may override the token with a fake.
 */
export abstract class SportsApi {
  abstract getSports(language?: Language, options?: SportsApiCallOptions): Promise<Sport[]>;
  abstract getTournaments(
    query?: { sportId?: string; language?: Language; withActiveFixtures?: boolean },
    options?: SportsApiCallOptions,
  ): Promise<Tournament[]>;
  abstract getAllTournaments(
    query?: { language?: Language; withActiveFixtures?: boolean },
    options?: SportsApiCallOptions,
  ): Promise<Tournament[]>;
  abstract getFixtures(
    query: { tournamentId: string; type?: FixtureType; language?: Language },
    options?: SportsApiCallOptions,
  ): Promise<Fixture[]>;
  abstract getSportFixtures(
    query: { sportId: string; type?: FixtureType; language?: Language },
    options?: SportsApiCallOptions,
  ): Promise<Fixture[]>;
  abstract getOdds(
    query: { sportId: string; tournamentId: string; fixtureId: string; amount?: number },
    options?: SportsApiCallOptions,
  ): Promise<Odds>;
  abstract getBalance(account: SportsAccount, options?: SportsApiCallOptions): Promise<Balance>;
  abstract placeBet(input: PlaceBetInput, options?: SportsApiCallOptions): Promise<BetReceipt>;
}
