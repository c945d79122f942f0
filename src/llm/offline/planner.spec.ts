import { emptyEntities, type Entities, type Intent } from '../../common/protocol';
import type { ToolOutcome, TurnView } from './conversation';
import { oddsInText, planNextCalls, simulationLegs } from './planner';

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

  it("shows each team's next matches when the two do not meet soon", () => {
    const missing: ToolOutcome = {
      name: 'find_match',
      args: { team_a: 'Benfica', team_b: 'Porto' },
      ok: false,
      result: { error: 'match_not_found' },
    };
    expect(
      planNextCalls(
        turn('MATCH_SCHEDULE_QUERY', 'when do they meet', { teams: ['Benfica', 'Porto'] }, [missing]),
      ),
    ).toEqual([
      { name: 'get_fixtures', args: { team: 'Benfica', limit: 3 } },
      { name: 'get_fixtures', args: { team: 'Porto', limit: 3 } },
    ]);
  });

  it('picks from the next matches when the asked window has none', () => {
    const hints = { tournaments: ['MLS'], dates: ['2026-11-25'] };
    expect(planNextCalls(turn('BETTING_RECOMMENDATION', 'tips tonight', hints))).toEqual([
      {
        name: 'get_recommendations',
        args: { tournament: 'MLS', date_from: '2026-11-25', date_to: '2026-11-25' },
      },
    ]);
    const empty: ToolOutcome = {
      name: 'get_recommendations',
      args: { tournament: 'MLS', date_from: '2026-11-25', date_to: '2026-11-25' },
      ok: false,
      result: { error: 'no_matches' },
    };
    expect(planNextCalls(turn('BETTING_RECOMMENDATION', 'tips tonight', hints, [empty]))).toEqual([
      { name: 'get_recommendations', args: { tournament: 'MLS' } },
    ]);
  });

  it('prices the match of the asked day, or the next one when that day has none', () => {
    const hints = { teams: ['Club America'], dates: ['2026-11-28'] };
    const asked = { team: 'Club America', date_from: '2026-11-28', date_to: '2026-11-28', limit: 1 };
    expect(planNextCalls(turn('ODDS_INFORMATION_QUERY', 'odds saturday', hints))).toEqual([
      { name: 'get_fixtures', args: asked },
    ]);
    const listing = (fixtures: Array<{ fixture_id: string }>): ToolOutcome => ({
      name: 'get_fixtures',
      args: asked,
      ok: true,
      result: { fixtures, count: fixtures.length },
    });
    expect(
      planNextCalls(turn('ODDS_INFORMATION_QUERY', 'odds saturday', hints, [listing([{ fixture_id: '7' }])])),
    ).toEqual([{ name: 'get_odds', args: { fixture_id: '7' } }]);
    expect(planNextCalls(turn('ODDS_INFORMATION_QUERY', 'odds saturday', hints, [listing([])]))).toEqual([
      { name: 'get_odds', args: { team_a: 'Club America' } },
    ]);
  });

  it('reads "A to beat B" as one match', () => {
    expect(
      planNextCalls(
        turn('BET_SIMULATION', 'simulate 25 on Lyon to beat Nice', {
          teams: ['Olympique Lyonnais', 'OGC Nice'],
          amounts: [25],
        }),
      ),
    ).toEqual([{ name: 'get_odds', args: { team_a: 'Olympique Lyonnais', team_b: 'OGC Nice', stake: 25 } }]);
  });

  it("backs the asked market in a simulation, on the named team's side", () => {
    const priced = (
      markets: Array<{ market: string; selections: Array<{ outcome: string; odd: number }> }>,
    ): ToolOutcome => ({
      name: 'get_odds',
      args: {},
      ok: true,
      result: { fixture: { fixture_id: '9', home_team: 'Lille', away_team: 'Ajax' }, markets },
    });
    const odds = priced([
      {
        market: 'result',
        selections: [
          { outcome: 'home', odd: 2 },
          { outcome: 'draw', odd: 3 },
          { outcome: 'away', odd: 4 },
        ],
      },
      {
        market: 'over_under',
        selections: [
          { outcome: 'over', odd: 1.9 },
          { outcome: 'under', odd: 1.95 },
        ],
      },
      {
        market: 'double_chance',
        selections: [
          { outcome: 'home_or_draw', odd: 1.3 },
          { outcome: 'away_or_draw', odd: 1.7 },
        ],
      },
    ]);
    expect(simulationLegs([odds], ['Ajax'], 'under 2.5 in the Ajax game', 'over_under')).toEqual([
      { fixtureId: '9', market: 'over_under', outcome: 'under', odd: 1.95 },
    ]);
    expect(simulationLegs([odds], ['Ajax'], 'Ajax or draw', 'double_chance')).toEqual([
      { fixtureId: '9', market: 'double_chance', outcome: 'away_or_draw', odd: 1.7 },
    ]);
    // A market the match does not offer falls back to the result market.
    expect(simulationLegs([odds], ['Ajax'], 'Ajax btts', 'both_teams_to_score')).toEqual([
      { fixtureId: '9', market: 'result', outcome: 'away', odd: 4 },
    ]);
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
