import type { Language } from '../common/protocol';
import type { Balance, BetReceipt, Fixture, FixtureType, Odds, PlaceBetInput, Sport, Tournament } from './domain';

/**
 * The ChatBet API as the rest of the app sees it (one method per upstream operation, our own
 * types). The HTTP adapter implements it; tests may override the token with a fake.
 */
export abstract class SportsApi {
  abstract getSports(language?: Language): Promise<Sport[]>;
  abstract getTournaments(query?: { sportId?: string; language?: Language; withActiveFixtures?: boolean }): Promise<Tournament[]>;
  abstract getAllTournaments(query?: { language?: Language; withActiveFixtures?: boolean }): Promise<Tournament[]>;
  abstract getFixtures(query: { tournamentId: string; type?: FixtureType; language?: Language }): Promise<Fixture[]>;
  abstract getSportFixtures(query: { sportId: string; type?: FixtureType; language?: Language }): Promise<Fixture[]>;
  abstract getOdds(query: { sportId: string; tournamentId: string; fixtureId: string; amount?: number }): Promise<Odds>;
  abstract getBalance(userId: string): Promise<Balance>;
  abstract placeBet(input: PlaceBetInput): Promise<BetReceipt>;
}
