import type { Odds } from '../sports-api/domain';
import { diffFixture, snapshotOf } from './live-differ';

const fixture = { fixtureId: 'f1', tournamentId: 't1', sportId: '1' };
const at = new Date('2026-12-01T12:00:00.000Z');

function odds(home: number, draw = 3.4, active = true, line = 2.5): Odds {
  return {
    fixtureId: 'f1',
    sportId: '1',
    tournamentId: 't1',
    active,
    markets: active
      ? [
          {
            key: 'result',
            selections: [
              { outcome: 'home', name: 'Home', odd: home, betId: 'b1' },
              { outcome: 'draw', name: 'Draw', odd: draw, betId: 'b2' },
            ],
          },
          { key: 'over_under', line, selections: [{ outcome: 'over', name: `Over ${line}`, odd: 1.9, betId: 'b3' }] },
        ]
      : [],
  };
}

describe('diffFixture', () => {
  it('reports nothing on the first read: it is the baseline', () => {
    expect(diffFixture(fixture, undefined, snapshotOf(odds(2.1), false), at)).toEqual({ fixture, odds: [], match: [] });
  });

  it('reports each moved selection with direction and percentage, and nothing for unmoved ones', () => {
    const batch = diffFixture(fixture, snapshotOf(odds(2.0, 3.4), false), snapshotOf(odds(2.1, 3.2), false), at);
    expect(batch.match).toEqual([]);
    expect(batch.odds).toEqual([
      {
        type: 'odds_update',
        match_id: 'f1',
        tournament_id: 't1',
        market_type: 'result',
        outcome: 'home',
        old_odds: 2.0,
        new_odds: 2.1,
        change_percentage: 5,
        movement_direction: 'up',
        timestamp: at.toISOString(),
      },
      expect.objectContaining({ outcome: 'draw', old_odds: 3.4, new_odds: 3.2, change_percentage: -5.88, movement_direction: 'down' }),
    ]);
  });

  it('treats float noise as no move and a new line as a new selection, not a move', () => {
    expect(diffFixture(fixture, snapshotOf(odds(2.1), false), snapshotOf(odds(2.1 + 1e-9), false), at).odds).toEqual([]);
    expect(diffFixture(fixture, snapshotOf(odds(2.1, 3.4, true, 2.5), false), snapshotOf(odds(2.1, 3.4, true, 3.5), false), at).odds).toEqual([]);
  });

  it('infers match start and end from the live listing, and suspension from inactive odds', () => {
    const start = diffFixture(fixture, snapshotOf(odds(2.1), false), snapshotOf(odds(2.1), true), at);
    expect(start.match).toEqual([{ type: 'match_update', match_id: 'f1', tournament_id: 't1', event_type: 'match_start', timestamp: at.toISOString() }]);
    const end = diffFixture(fixture, snapshotOf(odds(2.1), true), snapshotOf(odds(2.1, 3.4, false), false), at);
    expect(end.match.map((m) => m.event_type)).toEqual(['full_time', 'odds_suspended']);
    expect(end.odds).toEqual([]);
    const back = diffFixture(fixture, snapshotOf(odds(2.1, 3.4, false), true), snapshotOf(odds(2.1), true), at);
    expect(back.match.map((m) => m.event_type)).toEqual(['odds_resumed']);
  });

  it('infers no start or end when the live listing could not be read', () => {
    expect(diffFixture(fixture, snapshotOf(odds(2.1), false), snapshotOf(odds(2.1), undefined), at).match).toEqual([]);
    expect(diffFixture(fixture, snapshotOf(odds(2.1), undefined), snapshotOf(odds(2.1), true), at).match).toEqual([]);
  });
});
