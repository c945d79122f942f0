import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mapAllTournaments,
  mapBalance,
  mapBetReceipt,
  mapSportFixtures,
  mapSports,
  mapTournamentFixtures,
  mapTournaments,
  UnexpectedPayloadError,
} from './payload-mapper';

const example = (name: string): unknown =>
  JSON.parse(
    readFileSync(
      join(__dirname, '../../../libs/sports-api-simulator/contract-examples', `${name}.json`),
      'utf8',
    ),
  );

const now = new Date('2025-09-18T12:00:00Z');

describe('payload mapper', () => {
  it('localises sport names', () => {
    expect(mapSports(example('sports'), 'es').items.slice(0, 3)).toEqual([
      { id: '1', name: 'Fútbol' },
      { id: '2', name: 'Hockey sobre hielo' },
      { id: '3', name: 'Baloncesto' },
    ]);
    expect(mapSports(example('sports')).items[0]).toEqual({ id: '1', name: 'Football' });
  });

  it('reads /sports/tournaments (snake_case) with the sport asked for', () => {
    expect(mapTournaments(example('tournaments'), '1').items[0]).toEqual({
      id: '566',
      sportId: '1',
      name: 'Premier League',
    });
  });

  it('flattens /sports/all-tournaments (camelCase) keeping each sport id', () => {
    const { items } = mapAllTournaments(example('all-tournaments'));
    expect(items).toHaveLength(6);
    expect(items).toContainEqual({ id: '27910131', sportId: '1', name: 'UEFA Champions League' });
    expect(items).toContainEqual({ id: '756', sportId: '3', name: 'NBA' });
  });

  it('drops the {totalResults} head of /sports/fixtures and builds real dates', () => {
    const { items, skipped } = mapTournamentFixtures(example('fixtures'), { type: 'pre_match', now });
    expect(skipped).toBe(0);
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      id: '27907678',
      sportId: '1',
      tournamentId: '566',
      tournamentName: 'Premier League',
      homeTeam: 'Arsenal',
      awayTeam: 'Chelsea',
      startTime: new Date('2025-09-20T14:00:00Z'),
      type: 'pre_match',
    });
  });

  it('reads an empty fixtures answer in both forms', () => {
    expect(mapTournamentFixtures(example('fixtures-empty'), { type: 'pre_match', now }).items).toEqual([]);
    expect(mapTournamentFixtures({ totalResults: 0 }, { type: 'pre_match', now }).items).toEqual([]);
  });

  it('skips fixtures of an unexpected shape instead of failing the list', () => {
    const raw = [{ totalResults: 2 }, { id: 1 }, (example('fixtures') as unknown[])[1]];
    expect(mapTournamentFixtures(raw, { type: 'live', now })).toMatchObject({
      skipped: 1,
      items: [{ id: '27907678', type: 'live' }],
    });
  });

  it('refuses a fixtures payload that is not a list', () => {
    expect(() => mapTournamentFixtures({ error: 'x' }, { type: 'pre_match', now })).toThrow(
      UnexpectedPayloadError,
    );
  });

  it('reads /sports/sports-fixtures (a plain list, names per language)', () => {
    const { items } = mapSportFixtures(example('sport-fixtures'), {
      type: 'pre_match',
      now,
      sportId: '1',
      language: 'pt_br',
    });
    expect(items[0]).toEqual({
      id: '27900311',
      sportId: '1',
      tournamentId: '2988',
      tournamentName: 'Serie A',
      homeTeam: 'Juventus',
      awayTeam: 'Milan',
      startTime: new Date('2025-09-18T22:00:00Z'),
      type: 'pre_match',
    });
  });

  it('reads the balance (recorded values) and the bet receipt', () => {
    expect(mapBalance(example('balance'), '1858035947')).toEqual({
      userId: '1858035947',
      money: 4321.77,
      playableBalance: 4536.93,
      withdrawableBalance: 4321.77,
      currency: 'USD',
    });
    expect(mapBetReceipt(example('place-bet'), 100, 195)).toEqual({
      betId: '7719304455',
      message: 'Bet accepted',
      stake: 100,
      possibleWin: 195,
    });
  });
});
