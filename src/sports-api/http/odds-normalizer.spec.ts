import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeOdds } from './odds-normalizer';

const example = (name: string): unknown =>
  JSON.parse(
    readFileSync(
      join(__dirname, '../../../libs/sports-api-simulator/contract-examples', `${name}.json`),
      'utf8',
    ),
  );

const ids = {
  fixtureId: '27907678',
  sportId: '1',
  tournamentId: '566',
  homeTeam: 'Arsenal',
  awayTeam: 'Chelsea',
};

describe('normalizeOdds', () => {
  it('reads the Sept-2025 named-key shape into all six markets (odds.json)', () => {
    const odds = normalizeOdds(example('odds'), ids);
    expect(odds).toMatchObject({ fixtureId: '27907678', sportId: '1', tournamentId: '566', active: true });
    expect(odds.markets.map((m) => m.key)).toEqual([
      'result',
      'over_under',
      'both_teams_to_score',
      'double_chance',
      'handicap',
      'half_time_result',
    ]);
    const result = odds.markets.find((m) => m.key === 'result')!;
    expect(result.selections).toEqual([
      { outcome: 'home', name: 'Arsenal', odd: 1.95, betId: '6084930271' },
      { outcome: 'draw', name: 'Draw', odd: 3.6, betId: '6084930272' },
      { outcome: 'away', name: 'Chelsea', odd: 3.8, betId: '6084930273' },
    ]);
    const doubleChance = odds.markets.find((m) => m.key === 'double_chance')!;
    expect(doubleChance.selections.map((s) => s.outcome)).toEqual([
      'home_or_draw',
      'away_or_draw',
      'home_or_away',
    ]);
    const btts = odds.markets.find((m) => m.key === 'both_teams_to_score')!;
    expect(btts.selections.map((s) => [s.outcome, s.odd])).toEqual([
      ['yes', 1.72],
      ['no', 2.05],
    ]);
  });

  it('takes the over/under line and the home handicap from the selection names', () => {
    const odds = normalizeOdds(example('odds'), ids);
    const overUnder = odds.markets.find((m) => m.key === 'over_under')!;
    expect(overUnder.line).toBe(2.5);
    expect(overUnder.selections.map((s) => s.outcome)).toEqual(['over', 'under']);
    expect(odds.markets.find((m) => m.key === 'handicap')!.line).toBe(-0.5);
    expect(odds.markets.find((m) => m.key === 'result')!.line).toBeUndefined();
  });

  it('turns numeric betIds into strings and accepts string ones', () => {
    const raw = {
      status: 'Active',
      result: {
        homeTeam: { name: 'A', odds: 2.1, betId: 1121441257 },
        tie: { name: 'Draw', odds: '3.2', betId: '1121441258' },
        awayTeam: { name: 'B', odds: 3.4, betId: 1121441259 },
      },
    };
    const selections = normalizeOdds(raw, ids).markets[0].selections;
    expect(selections.map((s) => s.betId)).toEqual(['1121441257', '1121441258', '1121441259']);
    expect(selections[1].odd).toBe(3.2);
  });

  it('reads the QA-era options shape (odds-options-variant.json)', () => {
    const odds = normalizeOdds(example('odds-options-variant'), ids);
    expect(odds.active).toBe(true);
    expect(odds.markets.map((m) => m.key)).toEqual(['result', 'over_under']);
    expect(odds.markets[0].selections).toEqual([
      { outcome: 'home', name: 'Home', odd: 1.95, betId: '6084930271' },
      { outcome: 'draw', name: 'Draw', odd: 3.6, betId: '6084930272' },
      { outcome: 'away', name: 'Away', odd: 3.8, betId: '6084930273' },
    ]);
    expect(odds.markets[1]).toEqual({
      key: 'over_under',
      line: 2.5,
      selections: [
        { outcome: 'over', name: 'Over 2.5', odd: 1.8, betId: '6084930321' },
        { outcome: 'under', name: 'Under 2.5', odd: 2, betId: '6084930322' },
      ],
    });
  });

  it('reads options labelled with team names, in any order', () => {
    const raw = {
      status: 'Active',
      handicap: {
        options: { '9002': { name: 'Chelsea +0.5', odd: 1.9 }, '9001': { name: 'Arsenal -0.5', odd: 1.95 } },
      },
      double_chance: {
        options: {
          '9101': { name: 'Chelsea or Draw', odd: 1.85 },
          '9102': { name: 'Arsenal or Chelsea', odd: 1.3 },
          '9103': { name: 'Arsenal or Draw', odd: 1.28 },
        },
      },
    };
    const odds = normalizeOdds(raw, ids);
    const handicap = odds.markets.find((m) => m.key === 'handicap')!;
    expect(handicap.line).toBe(-0.5);
    expect(handicap.selections.find((s) => s.outcome === 'home')).toMatchObject({ betId: '9001', odd: 1.95 });
    const dc = odds.markets.find((m) => m.key === 'double_chance')!;
    expect(Object.fromEntries(dc.selections.map((s) => [s.outcome, s.betId]))).toEqual({
      away_or_draw: '9101',
      home_or_away: '9102',
      home_or_draw: '9103',
    });
  });

  it('falls back to the market’s order when option labels say nothing', () => {
    const raw = {
      status: 'Active',
      result: {
        options: {
          '7001': { name: '?', odd: 2 },
          '7002': { name: '?', odd: 3 },
          '7003': { name: '?', odd: 4 },
        },
      },
    };
    expect(normalizeOdds(raw, ids).markets[0].selections.map((s) => s.outcome)).toEqual([
      'home',
      'draw',
      'away',
    ]);
  });

  it('reports Inactive odds as inactive with no markets (odds-inactive.json)', () => {
    expect(normalizeOdds(example('odds-inactive'), ids)).toEqual({
      fixtureId: '27907678',
      sportId: '1',
      tournamentId: '566',
      active: false,
      markets: [],
    });
  });

  it('skips selections without a usable price and markets left empty', () => {
    const raw = {
      status: 'Active',
      result: { homeTeam: { name: 'A', odds: null, betId: 1 }, tie: { name: 'Draw', odds: 0, betId: 2 } },
      over_under: { over: { name: 'Over 1.5', odds: 1.4, betId: 3 }, under: { name: 'Under 1.5' } },
    };
    const odds = normalizeOdds(raw, ids);
    expect(odds.markets).toEqual([
      {
        key: 'over_under',
        line: 1.5,
        selections: [{ outcome: 'over', name: 'Over 1.5', odd: 1.4, betId: '3' }],
      },
    ]);
  });
});
