import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { CacheService } from '../cache/cache.service';
import { SportsApiUnavailableError } from '../common/errors';
import { accountId, type Balance, type BetReceipt, type Fixture, type Odds, type Sport, type SportsAccount, type Tournament } from './domain';
import { SportsApi } from './sports-api.port';
import { SportsQueries } from './sports-queries.service';

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR);

function fixture(id: string, tournamentId: string, home: string, away: string, startTime: Date): Fixture {
  return {
    id,
    sportId: '1',
    tournamentId,
    tournamentName: `T${tournamentId}`,
    homeTeam: home,
    awayTeam: away,
    startTime,
    type: 'pre_match',
  };
}

/** A strict in-memory SportsApi: only what SportsQueries may call, with switchable failures. */
class FakeSportsApi extends SportsApi {
  failing = new Set<string>();
  calls: string[] = [];
  tournaments: Tournament[] = [
    { id: '10', sportId: '1', name: 'League A' },
    { id: '20', sportId: '1', name: 'League B' },
  ];
  fixtures: Record<string, Fixture[]> = {
    '10': [
      fixture('1', '10', 'Atlético Madrid', 'Sevilla', inHours(30)),
      fixture('2', '10', 'Sevilla', 'Valencia', inHours(5)),
      fixture('0', '10', 'Valencia', 'Atlético Madrid', inHours(-30)),
    ],
    '20': [fixture('3', '20', 'Flamengo', 'Palmeiras', inHours(10))],
  };

  private guard(what: string): void {
    this.calls.push(what);
    if (this.failing.has(what)) throw new SportsApiUnavailableError();
  }
  sports: Sport[] = [{ id: '1', name: 'Football' }];
  async getSports(): Promise<Sport[]> {
    this.guard('sports');
    return this.sports;
  }
  async getTournaments(): Promise<Tournament[]> {
    throw new Error('not used by SportsQueries');
  }
  async getAllTournaments(): Promise<Tournament[]> {
    this.guard('all-tournaments');
    return this.tournaments;
  }
  async getFixtures(query: { tournamentId: string }): Promise<Fixture[]> {
    this.guard(`fixtures:${query.tournamentId}`);
    return this.fixtures[query.tournamentId] ?? [];
  }
  async getSportFixtures(): Promise<Fixture[]> {
    throw new Error('not used by SportsQueries');
  }
  async getOdds(query: { fixtureId: string; sportId: string; tournamentId: string }): Promise<Odds> {
    this.guard(`odds:${query.sportId}/${query.tournamentId}/${query.fixtureId}`);
    return { ...query, active: true, markets: [] };
  }
  async getBalance(account: SportsAccount): Promise<Balance> {
    this.guard('balance');
    return { userId: accountId(account), money: 100, playableBalance: 100, withdrawableBalance: 100, currency: 'USD' };
  }
  async placeBet(): Promise<BetReceipt> {
    this.guard('place-bet');
    return { betId: 'b1', message: 'Bet accepted', stake: 10, possibleWin: 20 };
  }
}

function setup() {
  const api = new FakeSportsApi();
  const cache = new CacheService(createCache(), {
    ttlSeconds: { tournaments: 60, fixtures: 60, odds: 30 },
    sessionTtlSeconds: 60,
  });
  return { api, queries: new SportsQueries(api, cache) };
}

describe('SportsQueries', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers only the sports the book has a tournament in', async () => {
    const { api, queries } = setup();
    api.sports = [
      { id: '1', name: 'Football' },
      { id: '5', name: 'Tennis' },
      { id: '3', name: 'Basketball' },
    ];
    api.tournaments = [...api.tournaments, { id: '30', sportId: '3', name: 'League C' }];
    const { data } = await queries.sports();
    expect(data.map((s) => s.name)).toEqual(['Football', 'Basketball']);
  });

  it('filters by team accent- and case-insensitively, upcoming only, soonest first', async () => {
    const { queries } = setup();
    const { data } = await queries.fixtures({ teams: ['atletico madrid', 'FLAMENGO'] });
    expect(data.map((f) => f.id)).toEqual(['3', '1']);
  });

  it('answers from one merged listing until a tournament listing expires, then from the new one', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const { api, queries } = setup();
      expect((await queries.fixtures({ teams: ['Flamengo'] })).data.map((f) => f.id)).toEqual(['3']);
      expect((await queries.fixtures({ teams: ['Sevilla'] })).data.map((f) => f.id)).toEqual(['2', '1']);
      expect(api.calls.filter((c) => c.startsWith('fixtures:'))).toEqual(['fixtures:10', 'fixtures:20']);

      api.fixtures['20'] = [fixture('4', '20', 'Palmeiras', 'Flamengo', inHours(20))];
      clock.mockReturnValue(now + 61_000); // past the 60 s fixtures TTL
      expect((await queries.fixtures({ teams: ['Flamengo'] })).data.map((f) => f.id)).toEqual(['4']);
      expect(api.calls.filter((c) => c.startsWith('fixtures:'))).toHaveLength(4);
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps the kick-off window exact: from inclusive, to exclusive', async () => {
    const { queries } = setup();
    const all = (await queries.fixtures({ from: inHours(-48) })).data;
    expect(all.map((f) => f.id)).toEqual(['0', '2', '3', '1']);
    const window = await queries.fixtures({ from: all[1].startTime, to: all[3].startTime });
    expect(window.data.map((f) => f.id)).toEqual(['2', '3']);
  });

  it('includes past fixtures only when asked with `from`', async () => {
    const { queries } = setup();
    const { data } = await queries.fixtures({ tournamentId: '10', from: inHours(-48) });
    expect(data.map((f) => f.id)).toEqual(['0', '2', '1']);
  });

  it('finds a match with the two teams in either order', async () => {
    const { queries } = setup();
    expect((await queries.findMatch('Valencia', 'sevilla')).data?.id).toBe('2');
    expect((await queries.findMatch('Palmeiras')).data?.id).toBe('3');
    expect((await queries.findMatch('Palmeiras', 'Sevilla')).data).toBeUndefined();
  });

  it('returns what it has, flagged stale, when one tournament fails with nothing cached', async () => {
    const { api, queries } = setup();
    api.failing.add('fixtures:20');
    const result = await queries.fixtures({});
    expect(result.stale).toBe(true);
    expect(result.data.map((f) => f.id)).toEqual(['2', '1']);
  });

  it('throws when every tournament fails', async () => {
    const { api, queries } = setup();
    api.failing.add('fixtures:10').add('fixtures:20');
    await expect(queries.fixtures({})).rejects.toBeInstanceOf(SportsApiUnavailableError);
  });

  it('sends the fixture’s own ids for odds and caches them per fixture', async () => {
    const { api, queries } = setup();
    const f = (await queries.fixtures({ tournamentId: '20' })).data[0];
    await queries.odds(f);
    await queries.odds(f);
    expect(api.calls.filter((c) => c.startsWith('odds:'))).toEqual(['odds:1/20/3']);
  });

  it('builds the catalogue; a partial one is served stale but not cached', async () => {
    const { api, queries } = setup();
    api.failing.add('fixtures:20');
    const partial = await queries.catalogue();
    expect(partial.stale).toBe(true);
    expect(partial.data.teams.map((t) => t.name)).toEqual(['Atlético Madrid', 'Sevilla', 'Valencia']);

    api.failing.clear();
    const full = await queries.catalogue();
    expect(full.stale).toBe(false);
    expect(full.data.teams.find((t) => t.name === 'Flamengo')).toEqual({
      name: 'Flamengo',
      tournamentIds: ['20'],
    });
    expect(full.data.tournaments).toEqual([
      { id: '10', sportId: '1', name: 'League A' },
      { id: '20', sportId: '1', name: 'League B' },
    ]);
  });

  it('never caches the balance, and adds the balance after a bet', async () => {
    const { api, queries } = setup();
    await queries.balance({ userId: 'u1' });
    await queries.balance({ userId: 'u1' });
    expect(api.calls.filter((c) => c === 'balance')).toHaveLength(2);
    expect(await queries.placeBet({ account: { userId: 'u1' }, stake: 10, legs: [] })).toMatchObject({
      betId: 'b1',
      balance: 100,
    });
  });

  it('still returns the receipt when the balance read-back fails', async () => {
    const { api, queries } = setup();
    api.failing.add('balance');
    const receipt = await queries.placeBet({ account: { userId: 'u1' }, stake: 10, legs: [] });
    expect(receipt).toEqual({ betId: 'b1', message: 'Bet accepted', stake: 10, possibleWin: 20 });
  });
});
