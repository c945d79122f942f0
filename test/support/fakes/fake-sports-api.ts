import { BetRejectedError, InsufficientBalanceError } from '../../../src/common/errors';
import type { BetProposal } from '../../../src/common/protocol';
import { accountId, type Balance, type BetReceipt, type Odds, type PlaceBetInput, type SportsAccount } from '../../../src/sports-api/domain';
import { SportsApi } from '../../../src/sports-api/sports-api.port';

/**
 * A strict fake of the SportsApi port: a wallet per user; only balance, bets and the odds a confirm
 * reads again are implemented. Every fixture is quoted at aProposal's prices unless `odds` says otherwise.
 */
export class FakeSportsApi extends SportsApi {
  /** Current odds by fixture id, for tests that move a price. */
  readonly odds = new Map<string, Odds>();
  readonly placed: PlaceBetInput[] = [];
  readonly wallets = new Map<string, number>();
  startingBalance = 1000;
  /** Slows placeBet down so tests can race two confirms. */
  placeDelayMs = 0;
  rejectNext = false;

  balanceOf(userId: string): number {
    return this.wallets.get(userId) ?? this.startingBalance;
  }

  async getBalance(account: SportsAccount): Promise<Balance> {
    const userId = accountId(account);
    const money = this.balanceOf(userId);
    return { userId, money, playableBalance: money, withdrawableBalance: money, currency: 'USD' };
  }

  async placeBet(input: PlaceBetInput): Promise<BetReceipt> {
    await new Promise((resolve) => setTimeout(resolve, this.placeDelayMs));
    if (this.rejectNext) {
      this.rejectNext = false;
      throw new BetRejectedError('market suspended');
    }
    const balance = this.balanceOf(accountId(input.account));
    if (balance < input.stake) throw new InsufficientBalanceError();
    this.placed.push(input);
    this.wallets.set(accountId(input.account), balance - input.stake);
    const odds = input.legs.reduce((product, leg) => product * leg.odd, 1);
    return {
      betId: `BET-${this.placed.length}`,
      message: 'Bet placed successfully.',
      stake: input.stake,
      possibleWin: Math.round(input.stake * odds * 100) / 100,
      balance: balance - input.stake,
    };
  }

  getSports(): never {
    throw new Error('FakeSportsApi.getSports is not part of these tests');
  }
  getTournaments(): never {
    throw new Error('FakeSportsApi.getTournaments is not part of these tests');
  }
  getAllTournaments(): never {
    throw new Error('FakeSportsApi.getAllTournaments is not part of these tests');
  }
  getFixtures(): never {
    throw new Error('FakeSportsApi.getFixtures is not part of these tests');
  }
  getSportFixtures(): never {
    throw new Error('FakeSportsApi.getSportFixtures is not part of these tests');
  }
  async getOdds(query: { sportId: string; tournamentId: string; fixtureId: string }): Promise<Odds> {
    return (
      this.odds.get(query.fixtureId) ?? {
        ...query,
        active: true,
        markets: [
          {
            key: 'result',
            selections: [
              { outcome: 'home', name: 'Arsenal', odd: 2.1, betId: 'b-home' },
              { outcome: 'draw', name: 'Draw', odd: 3.4, betId: 'b-draw' },
              { outcome: 'away', name: 'Chelsea', odd: 3.5, betId: 'b-away' },
            ],
          },
        ],
      }
    );
  }
}

let proposals = 0;

/** A proposal as the agent's propose_bet tool would make it. */
export function aProposal(overrides: Partial<BetProposal> = {}): BetProposal {
  proposals += 1;
  return {
    proposal_id: `prop_${Date.now().toString(36)}_${proposals}`,
    expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    stake: 50,
    currency: 'USD',
    selections: [
      {
        fixture_id: 'fx1',
        tournament_id: 't566',
        sport_id: '1',
        home_team: 'Arsenal',
        away_team: 'Chelsea',
        start_time: new Date(Date.now() + 86_400_000).toISOString(),
        market: 'result',
        outcome: 'home',
        odd: 2.1,
        bet_id: 'b-home',
      },
    ],
    combined_odd: 2.1,
    potential_win: 105,
    ...overrides,
  };
}
