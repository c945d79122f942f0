import KeyvRedis from '@keyv/redis';
import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import { CacheService } from '../src/cache/cache.service';
import {
  BetRejectedError,
  InsufficientBalanceError,
  SportsApiRejectedError,
  SportsApiTimeoutError,
  SportsApiUnavailableError,
} from '../src/common/errors';
import type { Fixture } from '../src/sports-api/domain';
import { createHttpSportsApi, type HttpSportsApiParts } from '../src/sports-api/http/create-http-sports-api';
import type { SportsApiClientOptions } from '../src/sports-api/http/sports-api-client.options';
import { SportsQueries } from '../src/sports-api/sports-queries.service';
import { freshRedisDb } from './support/redis';

/**
 * The HTTP client and the cached facade against the real simulator on an ephemeral port: shapes
 * and quirks, auth, retries, the circuit breaker, timeouts, stale-on-error and single-flight.
 * Upstream calls are counted by the simulator itself.
 */

const FAST: Partial<SportsApiClientOptions> = {
  timeoutMs: 1000,
  retryInitialDelayMs: 5,
  retryMaxDelayMs: 20,
  halfOpenAfterMs: 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memoryCache(ttlSeconds = { tournaments: 3600, fixtures: 3600, odds: 30 }): CacheService {
  return new CacheService(createCache(), { ttlSeconds, sessionTtlSeconds: 3600 });
}

describe('SportsApi client against the simulator', () => {
  let sim: RunningSimulator;
  let client: HttpSportsApiParts;
  /** Fresh client per test: breaker state and tokens never leak between tests. */
  const newClient = (options: Partial<SportsApiClientOptions> = {}) =>
    createHttpSportsApi({ baseUrl: `${sim.url}/`, userKey: '1', ...FAST, ...options });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.reset();
    sim.resetStats();
    client = newClient();
  });

  describe('shapes and quirks', () => {
    it('lists sports and tournaments as domain types', async () => {
      const sports = await client.api.getSports('pt_br');
      expect(sports).toContainEqual({ id: '1', name: 'Futebol' });
      const tournaments = await client.api.getAllTournaments();
      expect(tournaments.length).toBeGreaterThanOrEqual(10);
      expect(tournaments.every((t) => typeof t.id === 'string' && typeof t.sportId === 'string')).toBe(true);
    });

    it('sends sport_id (snake_case) to /sports/tournaments', async () => {
      // A wrong parameter name would be ignored and fall back to sport 1 (football).
      const basketball = await client.api.getTournaments({ sportId: '3' });
      const football = await client.api.getTournaments({ sportId: '1' });
      expect(basketball.length).toBeGreaterThan(0);
      expect(basketball.every((t) => t.sportId === '3')).toBe(true);
      expect(basketball.map((t) => t.id)).not.toEqual(expect.arrayContaining(football.map((t) => t.id)));
    });

    it('reads fixtures of the asked tournament (dropping the totalResults head) with real dates', async () => {
      const laLiga = (await client.api.getAllTournaments()).find((t) => t.name === 'La Liga')!;
      const fixtures = await client.api.getFixtures({ tournamentId: laLiga.id });
      expect(fixtures.length).toBeGreaterThan(0);
      // The default tournament is 566; only a correctly named tournamentId gives La Liga.
      expect(fixtures.every((f) => f.tournamentId === laLiga.id && f.type === 'pre_match')).toBe(true);
      for (const f of fixtures) {
        expect(f.startTime).toBeInstanceOf(Date);
        expect(Math.abs(f.startTime.getTime() - Date.now())).toBeLessThan(120 * 86_400_000);
      }
    });

    it('reads sports-fixtures as a plain list, names in the asked language', async () => {
      const fixtures = await client.api.getSportFixtures({ sportId: '1', language: 'es' });
      expect(fixtures.length).toBeGreaterThan(10);
      expect(new Set(fixtures.map((f) => f.tournamentId)).size).toBeGreaterThan(3);
      expect(fixtures.every((f) => f.sportId === '1' && f.homeTeam && f.awayTeam)).toBe(true);
    });

    it('reads Active odds with the six markets, and Inactive when the ids do not match', async () => {
      const [fixture] = await client.api.getSportFixtures({ sportId: '1' });
      const odds = await client.api.getOdds({
        sportId: '1',
        tournamentId: fixture.tournamentId,
        fixtureId: fixture.id,
      });
      expect(odds.active).toBe(true);
      expect(odds.markets.map((m) => m.key).sort()).toEqual(
        [
          'both_teams_to_score',
          'double_chance',
          'half_time_result',
          'handicap',
          'over_under',
          'result',
        ].sort(),
      );
      const result = odds.markets.find((m) => m.key === 'result')!;
      expect(result.selections.map((s) => s.outcome)).toEqual(['home', 'draw', 'away']);
      expect(result.selections[0].name).toBe(fixture.homeTeam);
      expect(odds.markets.find((m) => m.key === 'over_under')!.line).toEqual(expect.any(Number));

      const wrongTournament = await client.api.getOdds({
        sportId: '1',
        tournamentId: '1',
        fixtureId: fixture.id,
      });
      expect(wrongTournament).toMatchObject({ active: false, markets: [] });
    });

    it('normalises the options shape to exactly what the classic shape gives', async () => {
      const frozen = new Date();
      const classic = await startSimulator({ now: () => frozen, oddsShape: 'classic' });
      const options = await startSimulator({ now: () => frozen, oddsShape: 'options' });
      try {
        const a = createHttpSportsApi({ ...FAST, baseUrl: classic.url }).api;
        const b = createHttpSportsApi({ ...FAST, baseUrl: options.url }).api;
        const [fixture] = await a.getSportFixtures({ sportId: '1' });
        const ids = { sportId: '1', tournamentId: fixture.tournamentId, fixtureId: fixture.id };
        const fromClassic = await a.getOdds(ids);
        const fromOptions = await b.getOdds(ids);
        expect(fromClassic.markets.length).toBe(6);
        const byKey = (o: typeof fromClassic) =>
          Object.fromEntries(
            o.markets.map((m) => [
              m.key,
              { line: m.line, prices: m.selections.map((s) => [s.outcome, s.odd, s.betId]) },
            ]),
          );
        expect(byKey(fromOptions)).toEqual(byKey(fromClassic));
      } finally {
        await Promise.all([classic.close(), options.close()]);
      }
    });
  });

  describe('wallet and bets', () => {
    it('debits the stake and reports possibleWin = stake × odd', async () => {
      const [fixture] = await client.api.getSportFixtures({ sportId: '1' });
      const odds = await client.api.getOdds({
        sportId: '1',
        tournamentId: fixture.tournamentId,
        fixtureId: fixture.id,
      });
      const home = odds.markets.find((m) => m.key === 'result')!.selections[0];
      const before = await client.api.getBalance({ userId: 'wallet-a' });
      const receipt = await client.api.placeBet({
        account: { userId: 'wallet-a' },
        stake: 10.1,
        legs: [
          {
            ...home,
            fixtureId: fixture.id,
            sportId: '1',
            tournamentId: fixture.tournamentId,
            market: 'result',
          },
        ],
      });
      expect(receipt.possibleWin).toBe(Math.round(10.1 * home.odd * 100) / 100);
      expect(receipt.betId).toEqual(expect.any(String));
      const after = await client.api.getBalance({ userId: 'wallet-a' });
      expect(Math.round((before.money - after.money) * 100)).toBe(1010);
    });

    it('maps a short wallet to InsufficientBalanceError and never retries a bet', async () => {
      const leg = {
        betId: '1',
        fixtureId: '1',
        sportId: '1',
        tournamentId: '566',
        odd: 2,
        market: 'result' as const,
        outcome: 'home',
      };
      await expect(
        client.api.placeBet({ account: { userId: 'wallet-b' }, stake: 1_000_000, legs: [leg] }),
      ).rejects.toBeInstanceOf(InsufficientBalanceError);
      expect(sim.stats().byPath['/place-bet']).toBe(1);
      await expect(client.api.placeBet({ account: { userId: 'wallet-b' }, stake: 5, legs: [] })).rejects.toBeInstanceOf(
        BetRejectedError,
      );
    });

    it('gets a new token once on a 401 and retries the call once', async () => {
      await client.api.getBalance({ userId: 'wallet-c' });
      sim.expireTokens();
      sim.resetStats();
      const balance = await client.api.getBalance({ userId: 'wallet-c' });
      expect(balance.money).toBeGreaterThan(0);
      expect(sim.stats().byPath).toEqual({ '/auth/get_user_balance': 2, '/auth/generate_token': 1 });
    });

    it('concurrent callers hit by one expiry share a single token refresh', async () => {
      await client.api.getBalance({ userId: 'wallet-d' });
      sim.expireTokens();
      sim.resetStats();
      await Promise.all(Array.from({ length: 10 }, () => client.api.getBalance({ userId: 'wallet-d' })));
      expect(sim.stats().byPath['/auth/generate_token']).toBe(1);
    });
  });

  describe('resilience', () => {
    it('retries a failing GET and succeeds on a later try', async () => {
      sim.faults.set({ errorRate: 1, status: 503, paths: ['/sports'] });
      client.resilience.onRetry(() => sim.faults.reset());
      const sports = await client.api.getSports();
      expect(sports.length).toBeGreaterThan(0);
      expect(sim.stats().byPath['/sports']).toBe(2);
    });

    it('gives up after 3 tries with SportsApiUnavailableError', async () => {
      sim.faults.set({ errorRate: 1, status: 502, paths: ['/sports'] });
      await expect(client.api.getSports()).rejects.toBeInstanceOf(SportsApiUnavailableError);
      expect(sim.stats().byPath['/sports']).toBe(3);
    });

    it('does not retry a 4xx and reports it as rejected', async () => {
      sim.faults.set({ errorRate: 1, status: 404, paths: ['/sports'] });
      const failure = await client.api.getSports().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SportsApiRejectedError);
      expect((failure as SportsApiRejectedError).status).toBe(404);
      expect(sim.stats().byPath['/sports']).toBe(1);
      expect(client.resilience.breakerState).toBe('closed');
    });

    it('times out each try of a hanging GET and says so', async () => {
      client = newClient({ timeoutMs: 150 });
      sim.faults.set({ hang: true, paths: ['/sports/odds'] });
      await expect(
        client.api.getOdds({ sportId: '1', tournamentId: '566', fixtureId: '1' }),
      ).rejects.toBeInstanceOf(SportsApiTimeoutError);
      expect(sim.stats().byPath['/sports/odds']).toBe(3);
    });

    it('times out a hanging bet once, without sending it again', async () => {
      client = newClient({ timeoutMs: 150 });
      await client.tokens.session();
      sim.resetStats();
      sim.faults.set({ hang: true, paths: ['/place-bet'] });
      const leg = {
        betId: '1',
        fixtureId: '1',
        sportId: '1',
        tournamentId: '566',
        odd: 2,
        market: 'result' as const,
        outcome: 'home',
      };
      await expect(client.api.placeBet({ account: { userId: 'wallet-e' }, stake: 1, legs: [leg] })).rejects.toBeInstanceOf(
        SportsApiTimeoutError,
      );
      expect(sim.stats().byPath['/place-bet']).toBe(1);
    });

    it('stops at once when the caller aborts, without retrying or blaming the API', async () => {
      client = newClient({ timeoutMs: 10_000 });
      sim.faults.set({ hang: true, paths: ['/sports'] });
      const controller = new AbortController();
      const call = client.api.getSports('en', { signal: controller.signal });
      while (!sim.stats().byPath['/sports']) await sleep(5);
      controller.abort(new Error('user pressed stop'));
      await expect(call).rejects.toThrow('user pressed stop');
      expect(sim.stats().byPath['/sports']).toBe(1);
      expect(client.resilience.breakerState).toBe('closed');
    });

    it('reports how every attempt ended to the exchange listener (the metrics feed)', async () => {
      // A breaker that stays closed through the failures below, so every attempt reaches the API.
      client = newClient({ timeoutMs: 150, breakerThreshold: 100 });
      const outcomes: string[] = [];
      client.transport.onExchange((path, outcome) => outcomes.push(`${path} ${outcome}`));
      await client.api.getSports();
      sim.faults.set({ errorRate: 1, status: 503, paths: ['/sports'] });
      await expect(client.api.getSports()).rejects.toThrow();
      sim.faults.set({ hang: true, paths: ['/sports/odds'] });
      const odds = { sportId: '1', tournamentId: '566', fixtureId: '1' };
      await expect(client.api.getOdds(odds)).rejects.toBeInstanceOf(SportsApiTimeoutError);
      const controller = new AbortController();
      const stopped = client.api.getOdds(odds, { signal: controller.signal });
      while (sim.stats().byPath['/sports/odds'] < 4) await sleep(5);
      controller.abort(new Error('user pressed stop'));
      await expect(stopped).rejects.toThrow('user pressed stop');
      expect(outcomes).toEqual([
        '/sports 200',
        ...Array(3).fill('/sports 503'),
        ...Array(3).fill('/sports/odds timeout'),
        '/sports/odds stopped',
      ]);
    });

    it('opens the circuit after 5 consecutive failures, then fails fast without calling the API', async () => {
      sim.faults.set({ down: true });
      await expect(client.api.getSports()).rejects.toBeInstanceOf(SportsApiUnavailableError); // 3 failures
      expect(client.resilience.breakerState).toBe('closed');
      await expect(client.api.getSports()).rejects.toBeInstanceOf(SportsApiUnavailableError); // 2 more → open
      expect(client.resilience.breakerState).toBe('open');
      expect(sim.stats().total).toBe(5);

      sim.faults.reset();
      sim.resetStats();
      await expect(client.api.getSports()).rejects.toBeInstanceOf(SportsApiUnavailableError);
      expect(sim.stats().total).toBe(0);
    });

    it('half-opens after the delay: one trial call, which closes it on success or reopens it on failure', async () => {
      client = newClient({ halfOpenAfterMs: 200 });
      sim.faults.set({ down: true });
      await client.api.getSports().catch(() => undefined);
      await client.api.getSports().catch(() => undefined);
      expect(client.resilience.breakerState).toBe('open');

      await sleep(250);
      sim.resetStats();
      await expect(client.api.getSports()).rejects.toBeInstanceOf(SportsApiUnavailableError);
      expect(sim.stats().total).toBe(1); // the single trial call, not retried into an open circuit
      expect(client.resilience.breakerState).toBe('open');

      await sleep(250);
      sim.faults.reset();
      expect((await client.api.getSports()).length).toBeGreaterThan(0);
      expect(client.resilience.breakerState).toBe('closed');
    });
  });

  describe('SportsQueries (cached facade)', () => {
    let queries: SportsQueries;
    beforeEach(() => {
      queries = new SportsQueries(client.api, memoryCache());
    });

    it('answers 50 concurrent odds requests with one upstream call (single-flight)', async () => {
      const { data: fixtures } = await queries.fixtures({ tournamentId: '566' });
      sim.resetStats();
      const results = await Promise.all(Array.from({ length: 50 }, () => queries.odds(fixtures[0])));
      expect(sim.stats().byPath['/sports/odds']).toBe(1);
      expect(results.every((r) => r.data.active && !r.stale)).toBe(true);
      expect(new Set(results.map((r) => r.data))).toEqual(new Set([results[0].data]));
    });

    it('serves the last good value marked stale when the API fails after the TTL', async () => {
      queries = new SportsQueries(client.api, memoryCache({ tournaments: 1, fixtures: 1, odds: 1 }));
      const fresh = await queries.fixtures({ tournamentId: '566' });
      const odds = await queries.odds(fresh.data[0]);
      expect(fresh.stale || odds.stale).toBe(false);

      sim.faults.set({ down: true });
      await sleep(1100); // past every TTL
      const staleOdds = await queries.odds(fresh.data[0]);
      expect(staleOdds).toEqual({ data: odds.data, stale: true });
      const staleFixtures = await queries.fixtures({ tournamentId: '566', from: new Date(0) });
      expect(staleFixtures.stale).toBe(true);
      expect(staleFixtures.data.map((f) => f.id)).toEqual(
        expect.arrayContaining(fresh.data.map((f) => f.id)),
      );
    });

    it('shares cached fixtures between two instances through Redis, with real dates', async () => {
      const url = await freshRedisDb();
      const keyvs = [0, 1].map(() => new Keyv({ store: new KeyvRedis(url), useKeyPrefix: false }));
      const [a, b] = keyvs.map(
        (keyv) =>
          new SportsQueries(
            client.api,
            new CacheService(createCache({ stores: [keyv] }), {
              ttlSeconds: { tournaments: 60, fixtures: 60, odds: 30 },
              sessionTtlSeconds: 60,
            }),
          ),
      );
      try {
        const first = await a.fixtures({ tournamentId: '566' });
        sim.resetStats();
        const second = await b.fixtures({ tournamentId: '566' });
        expect(sim.stats().total).toBe(0);
        expect(second.data.length).toBe(first.data.length);
        expect(second.data[0].startTime).toBeInstanceOf(Date);
        expect(second.data.map((f) => f.startTime.toISOString())).toEqual(first.data.map((f) => f.startTime.toISOString()));
        const match = await b.findMatch(first.data[0].homeTeam);
        expect(match.data?.startTime).toBeInstanceOf(Date);
      } finally {
        await Promise.all(keyvs.map((keyv) => keyv.disconnect()));
      }
    });

    it('fails with a domain error when the API is down and nothing was cached', async () => {
      sim.faults.set({ down: true });
      await expect(queries.odds({ id: '1', sportId: '1', tournamentId: '566' })).rejects.toBeInstanceOf(
        SportsApiUnavailableError,
      );
    });

    it('finds upcoming fixtures by team across tournaments, soonest first', async () => {
      const { data, stale } = await queries.fixtures({ teams: ['barcelona'] });
      expect(stale).toBe(false);
      expect(data.length).toBeGreaterThan(0);
      expect(data.every((f) => f.homeTeam === 'Barcelona' || f.awayTeam === 'Barcelona')).toBe(true);
      expect(data.every((f) => f.startTime.getTime() >= Date.now() - 60_000)).toBe(true);
      const times = data.map((f) => f.startTime.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('filters by date range', async () => {
      const all = (await queries.fixtures({})).data;
      const pivot = all[Math.floor(all.length / 2)].startTime;
      const to = new Date(pivot.getTime() + 86_400_000);
      const window = (await queries.fixtures({ from: pivot, to })).data;
      expect(window.length).toBeGreaterThan(0);
      expect(window.every((f) => f.startTime >= pivot && f.startTime < to)).toBe(true);
      expect(window.length).toBe(all.filter((f) => f.startTime >= pivot && f.startTime < to).length);
    });

    it('matches teams on canonical names while answering in the asked language', async () => {
      const en = (await queries.fixtures({ teams: ['AC Milan'] })).data;
      const pt = (await queries.fixtures({ teams: ['AC Milan'], language: 'pt_br' })).data;
      expect(en.length).toBeGreaterThan(0);
      expect(pt.map((f) => f.id)).toEqual(en.map((f) => f.id));
    });

    it('finds the next match of two teams given in either order', async () => {
      const fixture: Fixture = (await queries.fixtures({ tournamentId: '545' })).data[0];
      const found = await queries.findMatch(fixture.awayTeam, fixture.homeTeam);
      expect(found.data).toBeDefined();
      expect([found.data!.homeTeam, found.data!.awayTeam].sort()).toEqual(
        [fixture.homeTeam, fixture.awayTeam].sort(),
      );
      expect(found.data!.startTime.getTime()).toBeLessThanOrEqual(fixture.startTime.getTime());
      expect((await queries.findMatch(fixture.homeTeam, 'No Such Team FC')).data).toBeUndefined();
    });

    it('finds a match by canonical names when the asked language translates them', async () => {
      const english = (await queries.findMatch('Bayern Munich', undefined, 'en')).data;
      const spanish = (await queries.findMatch('Bayern Munich', undefined, 'es')).data;
      expect(english).toBeDefined();
      expect(spanish?.id).toBe(english!.id);
      expect([spanish!.homeTeam, spanish!.awayTeam]).toContain('Bayern de Múnich');
      const rival = english!.homeTeam === 'Bayern Munich' ? english!.awayTeam : english!.homeTeam;
      expect((await queries.findMatch(rival, 'Bayern Munich', 'es')).data?.id).toBe(english!.id);
    });

    it('sends the fixture’s own sport, tournament and fixture ids for odds', async () => {
      const { data } = await queries.fixtures({ teams: ['Flamengo'] });
      const odds = await queries.odds(data[0]);
      expect(odds.data).toMatchObject({
        active: true,
        fixtureId: data[0].id,
        tournamentId: data[0].tournamentId,
      });
    });

    it('builds the catalogue from every tournament and the teams in their fixtures, cached', async () => {
      const { data } = await queries.catalogue();
      expect(data.tournaments.length).toBeGreaterThanOrEqual(10);
      const names = data.teams.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['Arsenal', 'Barcelona', 'Paris Saint-Germain', 'Flamengo', 'Boca Juniors']),
      );
      const psg = data.teams.find((t) => t.name === 'Paris Saint-Germain')!;
      expect(psg.tournamentIds.length).toBeGreaterThanOrEqual(1);
      sim.resetStats();
      await queries.catalogue();
      expect(sim.stats().total).toBe(0);
    });

    it('never caches the balance and reads it back after a bet', async () => {
      const first = await queries.balance({ userId: 'wallet-q' });
      const { data: fixtures } = await queries.fixtures({ tournamentId: '566' });
      const odds = await queries.odds(fixtures[0]);
      const sel = odds.data.markets[0].selections[0];
      const receipt = await queries.placeBet({
        account: { userId: 'wallet-q' },
        stake: 20,
        legs: [{ ...sel, fixtureId: fixtures[0].id, sportId: '1', tournamentId: '566', market: 'result' }],
      });
      expect(receipt.balance).toBeCloseTo(first.data.money - 20, 2);
      expect((await queries.balance({ userId: 'wallet-q' })).data.money).toBeCloseTo(first.data.money - 20, 2);
    });
  });
});
