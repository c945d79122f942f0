import { Logger } from '@nestjs/common';
import { aSlip, storedOf } from '../../../test/support/bet-proposal-store-contract';
import { DomainError } from '../../common/errors';
import type { BetProposal } from '../../common/protocol';
import { MetricsService } from '../../metrics/metrics.service';
import { accountId, type Balance, type BetReceipt, type Odds, type PlaceBetInput, type SportsAccount } from '../../sports-api/domain';
import { SportsApi } from '../../sports-api/sports-api.port';
import { MemoryBetProposalStore } from '../state/memory-bet-proposal.store';
import { SlipReoffer } from './slip-reoffer';
import { BetsService } from './bets.service';
import { checkPrices } from './price-check';

/** Odds of fixture fx-77 (see aSlip) with the away side at `away`. */
function oddsWith(away: number, active = true): Odds {
  return {
    fixtureId: 'fx-77',
    sportId: '1',
    tournamentId: 't-9',
    active,
    markets: [
      {
        key: 'result',
        selections: [
          { outcome: 'home', name: 'Sevilla', odd: 2.1, betId: 'sel-home' },
          { outcome: 'draw', name: 'Draw', odd: 3.3, betId: 'sel-draw' },
          { outcome: 'away', name: 'Girona', odd: away, betId: 'sel-away' },
        ],
      },
    ],
  };
}

/** A strict fake of the port: only odds, balance and placing are expected at confirm. */
class FakeSportsApi extends SportsApi {
  odds: Odds = oddsWith(3.2);
  oddsReads = 0;
  placed: PlaceBetInput[] = [];
  getSports = unexpected;
  getTournaments = unexpected;
  getAllTournaments = unexpected;
  getFixtures = unexpected;
  getSportFixtures = unexpected;
  async getOdds(): Promise<Odds> {
    this.oddsReads += 1;
    return this.odds;
  }
  async getBalance(account: SportsAccount): Promise<Balance> {
    return { userId: accountId(account), money: 1000, playableBalance: 1000, withdrawableBalance: 1000, currency: 'USD' };
  }
  async placeBet(input: PlaceBetInput): Promise<BetReceipt> {
    this.placed.push(input);
    const odd = input.legs.reduce((product, leg) => product * leg.odd, 1);
    return { betId: `ticket-${this.placed.length}`, message: 'Bet accepted', stake: input.stake, possibleWin: input.stake * odd, balance: 1000 - input.stake };
  }
}
function unexpected(): never {
  throw new Error('not expected at confirm');
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('checkPrices', () => {
  const [leg] = aSlip().selections;
  const at = (odd: number) => new Map([['fx-77', oddsWith(odd)]]);

  it('is unchanged when every selection keeps its odd (float noise is not a move)', () => {
    expect(checkPrices([leg], at(3.2000000001))).toMatchObject({ kind: 'unchanged' });
  });
  it('is worse when one selection is lower, better when none is lower and one is higher', () => {
    expect(checkPrices([leg], at(3.1))).toEqual({ kind: 'worse', selections: [{ ...leg, odd: 3.1 }] });
    expect(checkPrices([leg], at(3.4))).toEqual({ kind: 'better', selections: [{ ...leg, odd: 3.4 }] });
  });
  it('is unavailable when the fixture has no active odds or the market is gone', () => {
    expect(checkPrices([leg], new Map([['fx-77', oddsWith(3.2, false)]]))).toEqual({ kind: 'unavailable', fixtureId: 'fx-77' });
    expect(checkPrices([{ ...leg, market: 'both_teams_to_score' }], at(3.2))).toMatchObject({ kind: 'unavailable' });
    expect(checkPrices([leg], new Map())).toMatchObject({ kind: 'unavailable' });
  });
});

describe('BetsService: the price at confirm', () => {
  let api: FakeSportsApi;
  let store: MemoryBetProposalStore;
  let bets: BetsService;
  beforeEach(() => {
    // The audit lines are asserted elsewhere (gateway-socketio e2e); here they are noise.
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    api = new FakeSportsApi();
    store = new MemoryBetProposalStore();
    bets = new BetsService(store, api, new MetricsService(), new SlipReoffer(store));
  });
  afterEach(() => jest.restoreAllMocks());

  async function open(overrides: Partial<BetProposal> = {}) {
    const stored = storedOf(aSlip(overrides), 's-price', 'u-price');
    await store.save(stored);
    await store.setOpenSlip(stored.sessionId, stored.proposal);
    return stored;
  }

  it('places at the proposed price when it has not moved, reading the odds live', async () => {
    const { proposal } = await open();
    const receipt = await bets.confirm(proposal.proposal_id, 'u-price');
    expect(receipt.bet_id).toBe('ticket-1');
    expect(api.oddsReads).toBe(1);
    expect(api.placed[0].legs).toEqual([expect.objectContaining({ odd: 3.2, betId: 'sel-away' })]);
  });

  it('refuses a moved price with PRICE_CHANGED and a new open slip at the new price; the old one is withdrawn, not claimed', async () => {
    const { proposal } = await open();
    api.odds = oddsWith(2.9);
    const error = await refusal(bets.confirm(proposal.proposal_id, 'u-price'));
    expect(error.code).toBe('PRICE_CHANGED');
    const fresh = error.details?.proposal as BetProposal;
    expect(error.details?.withdrawn_proposal_id).toBe(proposal.proposal_id);
    expect(fresh.proposal_id).not.toBe(proposal.proposal_id);
    expect(fresh).toMatchObject({ stake: 25, combined_odd: 2.9, potential_win: 72.5 });
    expect(fresh.selections).toEqual([{ ...proposal.selections[0], odd: 2.9 }]);
    expect(api.placed).toEqual([]);

    expect((await store.openSlip('s-price'))?.proposal).toEqual(fresh);
    expect(await store.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    expect((await refusal(bets.confirm(proposal.proposal_id, 'u-price'))).code).toBe('PROPOSAL_WITHDRAWN');

    const receipt = await bets.confirm(fresh.proposal_id, 'u-price');
    expect(receipt.bet_id).toBe('ticket-1');
    expect(api.placed[0].legs).toEqual([expect.objectContaining({ odd: 2.9 })]);
  });

  it('checks a live selection the same way: a moved live price is refused and re-offered, still live', async () => {
    const [leg] = aSlip().selections;
    const { proposal } = await open({ selections: [{ ...leg, live: true }] });
    api.odds = oddsWith(3.0);
    const error = await refusal(bets.confirm(proposal.proposal_id, 'u-price'));
    expect(error.code).toBe('PRICE_CHANGED');
    expect((error.details?.proposal as BetProposal).selections).toEqual([{ ...leg, live: true, odd: 3.0 }]);
    expect(api.oddsReads).toBe(1);
    expect(api.placed).toEqual([]);
  });

  it('a better price is refused too, unless accepted: then it is placed at the new price', async () => {
    const first = await open();
    api.odds = oddsWith(3.5);
    expect((await refusal(bets.confirm(first.proposal.proposal_id, 'u-price'))).code).toBe('PRICE_CHANGED');

    const second = await open({ proposal_id: 'prop-better' });
    const receipt = await bets.confirm(second.proposal.proposal_id, 'u-price', undefined, { acceptBetterOdds: true });
    expect(receipt.possible_win).toBeCloseTo(25 * 3.5, 2);
    expect(api.placed).toHaveLength(1);
    expect(api.placed[0].legs).toEqual([expect.objectContaining({ odd: 3.5 })]);
  });

  it('a worse price is refused even when better prices are accepted', async () => {
    const { proposal } = await open();
    api.odds = oddsWith(3.0);
    const error = await refusal(bets.confirm(proposal.proposal_id, 'u-price', undefined, { acceptBetterOdds: true }));
    expect(error.code).toBe('PRICE_CHANGED');
    expect(api.placed).toEqual([]);
  });

  it('a selection no longer offered is BET_REJECTED, and the proposal is released for another try', async () => {
    const { proposal } = await open();
    api.odds = oddsWith(3.2, false);
    expect((await refusal(bets.confirm(proposal.proposal_id, 'u-price'))).code).toBe('BET_REJECTED');
    expect(api.placed).toEqual([]);
    api.odds = oddsWith(3.2);
    expect((await bets.confirm(proposal.proposal_id, 'u-price')).bet_id).toBe('ticket-1');
  });

  it('a failed odds read places nothing and leaves the proposal confirmable', async () => {
    const { proposal } = await open();
    const getOdds = jest.spyOn(api, 'getOdds').mockRejectedValueOnce(new Error('upstream down'));
    await expect(bets.confirm(proposal.proposal_id, 'u-price')).rejects.toThrow();
    expect(api.placed).toEqual([]);
    getOdds.mockRestore();
    expect((await bets.confirm(proposal.proposal_id, 'u-price')).bet_id).toBe('ticket-1');
  });
});
