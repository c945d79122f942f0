import { emptyEntities, type Entities, type Intent } from '../../common/protocol';
import type { ToolOutcome, TurnView } from './conversation';
import { oddsInText, planNextCalls } from './planner';

function turn(
  intent: Intent,
  userText: string,
  entities: Partial<Entities> = {},
  outcomes: ToolOutcome[] = [],
): TurnView {
  return {
    hints: {
      language: 'en',
      intent,
      confidence: 0.9,
      entities: { ...emptyEntities(), ...entities },
      today: '2026-11-25',
    },
    userText,
    outcomes,
    steps: outcomes.length > 0 ? 1 : 0,
  };
}

describe('offline planner', () => {
  it('reads decimal odds from a message but not money', () => {
    expect(oddsInText('what do I win with $10.50 at 2.5 and 1,85?')).toEqual([2.5, 1.85]);
    expect(oddsInText('bet 20 on Barcelona')).toEqual([]);
  });

  it('does the maths directly when the user gives stake and prices', () => {
    expect(
      planNextCalls(turn('ODDS_INFORMATION_QUERY', 'win with 10 at 2.5 and 1.8?', { amounts: [10, 1.8] })),
    ).toEqual([{ name: 'calculate_payout', args: { stake: 10, odds: [2.5, 1.8] } }]);
  });

  it('looks up one match when two teams are written as a fixture, one per team otherwise', () => {
    const teams = ['Barcelona', 'Real Betis'];
    expect(
      planNextCalls(turn('BET_SIMULATION', '20 on Barcelona vs Betis', { teams, amounts: [20] })),
    ).toEqual([{ name: 'get_odds', args: { team_a: 'Barcelona', team_b: 'Real Betis', stake: 20 } }]);
    expect(
      planNextCalls(turn('BET_SIMULATION', 'parlay Barcelona and Betis', { teams, amounts: [20] })).map(
        (c) => c.args.team_a,
      ),
    ).toEqual(teams);
  });

  it('offers the next matches when the asked day has none', () => {
    const empty: ToolOutcome = {
      name: 'get_fixtures',
      args: { tournament: 'Brasileirao', date_from: '2026-11-26', date_to: '2026-11-26', limit: 10 },
      ok: true,
      result: { fixtures: [], count: 0 },
    };
    expect(
      planNextCalls(
        turn(
          'MATCH_SCHEDULE_QUERY',
          'games tomorrow',
          { tournaments: ['Brasileirao'], dates: ['2026-11-26'] },
          [empty],
        ),
      ),
    ).toEqual([{ name: 'get_fixtures', args: { tournament: 'Brasileirao', limit: 5 } }]);
  });

  it('asks for no tools on greetings, help and unclear messages', () => {
    for (const intent of ['GREETING', 'HELP_REQUEST', 'UNCLEAR'] as Intent[])
      expect(planNextCalls(turn(intent, 'x'))).toEqual([]);
  });

  it('stops calling tools once the data is in', () => {
    const odds: ToolOutcome = {
      name: 'get_odds',
      args: { team_a: 'Arsenal' },
      ok: true,
      result: { fixture: {}, markets: [] },
    };
    expect(
      planNextCalls(turn('ODDS_INFORMATION_QUERY', 'odds arsenal', { teams: ['Arsenal'] }, [odds])),
    ).toEqual([]);
  });
});
