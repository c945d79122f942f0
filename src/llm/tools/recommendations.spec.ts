import type { Fixture, Market, Odds } from '../../sports-api/domain';
import { rankPicks } from './recommendations';

const kickOff = new Date('2026-12-06T18:00:00Z');

function match(id: string, home: string, away: string, result: [number, number, number], extra: Market[] = []) {
  const fixture: Fixture = {
    id,
    sportId: '1',
    tournamentId: 't',
    tournamentName: 'League',
    homeTeam: home,
    awayTeam: away,
    startTime: kickOff,
    type: 'pre_match',
  };
  const markets: Market[] = [
    {
      key: 'result',
      selections: [
        { outcome: 'home', name: home, odd: result[0], betId: `${id}-1` },
        { outcome: 'draw', name: 'Draw', odd: result[1], betId: `${id}-x` },
        { outcome: 'away', name: away, odd: result[2], betId: `${id}-2` },
      ],
    },
    ...extra,
  ];
  const odds: Odds = { fixtureId: id, sportId: '1', tournamentId: 't', active: true, markets };
  return { fixture, odds };
}

describe('rankPicks', () => {
  it('puts the clearest favourite first, with its implied probability in the reasoning', () => {
    const picks = rankPicks([match('a', 'Alpha', 'Beta', [2.4, 3.2, 2.9]), match('b', 'Gamma', 'Delta', [1.3, 5.5, 9])]);
    expect(picks[0]).toMatchObject({ kind: 'favourite', outcome: 'home', name: 'Gamma', odd: 1.3 });
    expect(picks[0].reasoning).toContain('76.9%');
  });

  it('offers a double-chance cover for the slight favourite of a close game', () => {
    const dc: Market = {
      key: 'double_chance',
      selections: [
        { outcome: 'home_or_draw', name: 'Alpha or draw', odd: 1.35, betId: 'c-1x' },
        { outcome: 'away_or_draw', name: 'Beta or draw', odd: 1.5, betId: 'c-x2' },
        { outcome: 'home_or_away', name: 'Alpha or Beta', odd: 1.3, betId: 'c-12' },
      ],
    };
    const picks = rankPicks([
      match('fav', 'Gamma', 'Delta', [1.25, 6, 11]),
      match('low', 'Eps', 'Zeta', [1.9, 3.6, 4.2]),
      match('close', 'Alpha', 'Beta', [2.3, 3.1, 3.0], [dc]),
    ]);
    const cover = picks.find((p) => p.kind === 'value');
    expect(cover).toMatchObject({ market: 'double_chance', outcome: 'home_or_draw', odd: 1.35, favourite_odd: 2.3 });
  });

  it('never picks the same match twice and gives nothing for no prices', () => {
    const picks = rankPicks([match('a', 'A', 'B', [1.5, 4, 6]), match('b', 'C', 'D', [1.8, 3.5, 4.5])]);
    expect(new Set(picks.map((p) => p.fixture.fixture_id)).size).toBe(picks.length);
    expect(rankPicks([])).toEqual([]);
  });
});

describe('rankPicks for a kind of pick', () => {
  const board = [
    match('a', 'Alpha', 'Beta', [2.4, 3.2, 2.9]),
    match('b', 'Gamma', 'Delta', [1.3, 5.5, 9]),
    match('c', 'Eps', 'Zeta', [1.8, 3.6, 4.2], [
      {
        key: 'both_teams_to_score',
        selections: [
          { outcome: 'yes', name: 'Yes', odd: 1.95, betId: 'c-y' },
          { outcome: 'no', name: 'No', odd: 1.95, betId: 'c-n' },
        ],
      },
    ]),
  ];

  it('safe: the likeliest outcomes first, one a match', () => {
    const picks = rankPicks(board, 'safe');
    expect(picks.map((p) => [p.name, p.kind])).toEqual([
      ['Gamma', 'safe'],
      ['Eps', 'safe'],
      ['Alpha', 'safe'],
    ]);
  });

  it('value: the fairest-priced markets first', () => {
    const picks = rankPicks(board, 'value');
    expect(picks[0]).toMatchObject({ fixture: { fixture_id: 'c' }, market: 'both_teams_to_score', kind: 'low_margin' });
    expect(picks.map((p) => p.margin_pct)).toEqual([...picks.map((p) => p.margin_pct)].sort((a, b) => a - b));
  });

  it('underdog: the side each match does not favour, the most plausible first, never a lottery ticket', () => {
    const picks = rankPicks(board, 'underdog');
    expect(picks.map((p) => [p.name, p.odd, p.favourite_odd])).toEqual([
      ['Beta', 2.9, 2.4],
      ['Zeta', 4.2, 1.8],
    ]);
    expect(picks.every((p) => p.kind === 'underdog')).toBe(true);
  });
});
