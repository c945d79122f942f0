import { emptyEntities, type Entities, type Intent, type MarketKey } from '../../common/protocol';
import type { SlipReading } from '../../nlu/slip-reader';
import type { OpenSlipHint } from '../agent/turn-hints';
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

  it('prices a stake put on a match, not on a side, and proposes nothing until the outcome is named', () => {
    const sevilla = { teams: ['Sevilla'], amounts: [25] };
    expect(planNextCalls(turn('BET_SIMULATION', 'put 25 on the Sevilla game', sevilla))).toEqual([
      { name: 'get_odds', args: { team_a: 'Sevilla', stake: 25 } },
    ]);
    const priced: ToolOutcome = {
      name: 'get_odds',
      args: { team_a: 'Sevilla', stake: 25 },
      ok: true,
      result: {
        fixture: { fixture_id: '3', home_team: 'Girona', away_team: 'Sevilla' },
        markets: [{ market: 'result', selections: [{ outcome: 'home', odd: 2 }, { outcome: 'draw', odd: 3.2 }, { outcome: 'away', odd: 3.6 }] }],
      },
    };
    expect(planNextCalls(turn('BET_SIMULATION', '25 no jogo do Sevilla', sevilla, [priced]))).toEqual([]);
    expect(planNextCalls(turn('BET_SIMULATION', '25 on Sevilla', sevilla, [priced])).map((c) => c.name)).toEqual([
      'calculate_payout',
      'propose_bet',
    ]);
  });

  it('makes no slip on another goals line than the one asked', () => {
    const totals = (line: number): ToolOutcome => ({
      name: 'get_odds',
      args: { team_a: 'Lille', stake: 10, market: 'over_under' },
      ok: true,
      result: {
        fixture: { fixture_id: '4', home_team: 'Lille', away_team: 'Nice' },
        markets: [{ market: 'over_under', line, selections: [{ outcome: 'over', odd: 1.8 }, { outcome: 'under', odd: 2 }] }],
      },
    });
    const hints = { teams: ['Lille'], amounts: [10], markets: ['over_under'] as MarketKey[] };
    const asking = (line: number, done: ToolOutcome[]) => {
      const view = turn('BET_SIMULATION', `10 on over ${line} in the Lille game`, hints, done);
      view.hints!.slip = { outcome: 'over', line };
      return planNextCalls(view);
    };
    expect(asking(3.5, [totals(2.5)])).toEqual([]);
    expect(asking(2.5, [totals(2.5)]).map((c) => c.name)).toEqual(['calculate_payout', 'propose_bet']);
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
    expect(simulationLegs([odds], ['Ajax'], '15 on the unders in the Ajax game', 'over_under')).toEqual([
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

  it('fetches every market of the match when its markets are asked, or a market it lacks', () => {
    const asked = turn('ODDS_INFORMATION_QUERY', 'which markets does the Ajax game have?', { teams: ['Ajax'] });
    asked.hints!.asks_markets = true;
    expect(planNextCalls(asked)).toEqual([{ name: 'get_odds', args: { team_a: 'Ajax', all_markets: true } }]);
    const corners = turn('ODDS_INFORMATION_QUERY', 'corners in the Ajax game?', { teams: ['Ajax'] });
    corners.hints!.market_not_offered = 'corners';
    expect(planNextCalls(corners)).toEqual([{ name: 'get_odds', args: { team_a: 'Ajax', all_markets: true } }]);
  });

  it("bets a side's win in a sport without draws on its two-way market when the focus says 1X2", () => {
    const focus = {
      fixture_id: 'nba-4',
      home_team: 'Boston Celtics',
      away_team: 'Miami Heat',
      market: 'result' as const,
      outcome: 'away',
    };
    const priced: ToolOutcome = {
      name: 'get_odds',
      args: { fixture_id: 'nba-4', stake: 20 },
      ok: true,
      result: {
        fixture: { fixture_id: 'nba-4', home_team: 'Boston Celtics', away_team: 'Miami Heat' },
        markets: [
          {
            market: 'win',
            selections: [
              { outcome: 'home', odd: 1.55 },
              { outcome: 'away', odd: 2.45 },
            ],
          },
        ],
      },
    };
    const view = turn(
      'BET_SIMULATION',
      'the Heat for 20 please',
      { teams: ['Boston Celtics', 'Miami Heat'], amounts: [20] },
      [priced],
    );
    view.hints!.focus = focus;
    expect(planNextCalls(view)).toEqual([
      { name: 'calculate_payout', args: { stake: 20, odds: [2.45] } },
      {
        name: 'propose_bet',
        args: { stake: 20, selections: [{ fixture_id: 'nba-4', market: 'win', outcome: 'away' }] },
      },
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

describe('offline planner: the bet slip', () => {
  /** Flamengo (home) to beat Palmeiras, 30 at 2.10. */
  const OPEN: OpenSlipHint = {
    proposal_id: 'slip-1',
    stake: 30,
    currency: 'BRL',
    expires_at: '2026-11-25T12:05:00.000Z',
    selections: [
      {
        fixture_id: 'f-10',
        home_team: 'Flamengo',
        away_team: 'Palmeiras',
        market: 'result',
        outcome: 'home',
        odd: 2.1,
      },
    ],
  };
  const withLeg = (leg: Partial<OpenSlipHint['selections'][number]>): OpenSlipHint => ({
    ...OPEN,
    selections: [{ ...OPEN.selections[0], ...leg }],
  });

  function slipTurn(
    userText: string,
    slip: SlipReading | undefined,
    options: {
      open?: OpenSlipHint;
      intent?: Intent;
      entities?: Partial<Entities>;
      outcomes?: ToolOutcome[];
    } = {},
  ): TurnView {
    const outcomes = options.outcomes ?? [];
    return {
      hints: {
        language: 'en',
        intent: options.intent ?? 'UNCLEAR',
        confidence: 0.8,
        entities: { ...emptyEntities(), ...options.entities },
        today: '2026-11-25',
        ...(slip ? { slip } : {}),
        ...(options.open ? { open_slip: options.open } : {}),
      },
      userText,
      outcomes,
      steps: outcomes.length > 0 ? 1 : 0,
    };
  }
  const update = (args: Record<string, unknown>) => [{ name: 'update_bet_slip', args }];

  describe('with an open slip', () => {
    it.each<[string, SlipReading, Partial<Entities>, OpenSlipHint, Record<string, unknown>]>([
      ['make it 75', { act: 'change', stake: 75, amountOnly: true }, {}, OPEN, { stake: 75 }],
      ['súbelo a 120', { act: 'change', stake: 120 }, {}, OPEN, { stake: 120 }],
      ['uns 45 reais', { stake: 45, amountOnly: true }, { amounts: [45] }, OPEN, { stake: 45 }],
      ['double it', { act: 'change', stakeFactor: 2 }, {}, OPEN, { stake_factor: 2 }],
      // A factor wins over a number in the same message.
      ['double the stake to 60', { act: 'change', stakeFactor: 2, stake: 60 }, {}, OPEN, { stake_factor: 2 }],
      ['metade', { act: 'change', stakeFactor: 0.5 }, {}, OPEN, { stake_factor: 0.5 }],
      [
        'the draw instead',
        { act: 'change', outcome: 'draw' },
        {},
        OPEN,
        { change: { market: 'result', outcome: 'draw' } },
      ],
      [
        'cámbialo al rival',
        { act: 'change', outcome: 'opponent' },
        {},
        OPEN,
        { change: { market: 'result', outcome: 'away' } },
      ],
      [
        'the other side',
        { act: 'change', outcome: 'opponent' },
        {},
        withLeg({ outcome: 'away' }),
        { change: { market: 'result', outcome: 'home' } },
      ],
      [
        'the other side of the total',
        { act: 'change', outcome: 'opponent' },
        {},
        withLeg({ market: 'over_under', line: 2.5, outcome: 'over', odd: 1.9 }),
        { change: { market: 'over_under', outcome: 'under' } },
      ],
      [
        'em vez disso, o adversário',
        { act: 'change', outcome: 'opponent' },
        {},
        withLeg({ market: 'double_chance', outcome: 'home_or_draw', odd: 1.3 }),
        { change: { market: 'double_chance', outcome: 'away_or_draw' } },
      ],
      [
        'switch to under 3.5 instead',
        { act: 'change', outcome: 'under', line: 3.5 },
        { markets: ['over_under'] },
        OPEN,
        { change: { market: 'over_under', outcome: 'under', line: 3.5 } },
      ],
      [
        'troca pra mais de 1.5 gols',
        { act: 'change', outcome: 'over', line: 1.5 },
        {},
        withLeg({ market: 'over_under', line: 2.5, outcome: 'over', odd: 1.9 }),
        { change: { market: 'over_under', outcome: 'over', line: 1.5 } },
      ],
      [
        'change it to both teams score',
        { act: 'change', outcome: 'yes' },
        {},
        OPEN,
        { change: { market: 'both_teams_to_score', outcome: 'yes' } },
      ],
      [
        'cámbialo a ambos marcan no',
        { act: 'change', outcome: 'no' },
        {},
        withLeg({ market: 'both_teams_to_score', outcome: 'yes', odd: 1.7 }),
        { change: { market: 'both_teams_to_score', outcome: 'no' } },
      ],
      [
        'go with Corinthians instead',
        { act: 'change' },
        { teams: ['Corinthians'] },
        OPEN,
        { change: { team: 'Corinthians', market: 'result', outcome: 'Corinthians' } },
      ],
      [
        'the draw in the Corinthians game instead',
        { act: 'change', outcome: 'draw' },
        { teams: ['Corinthians'] },
        OPEN,
        { change: { team: 'Corinthians', market: 'result', outcome: 'draw' } },
      ],
      [
        'make it 50 on Gremio instead',
        { act: 'change', stake: 50 },
        { teams: ['Gremio'], amounts: [50] },
        OPEN,
        { stake: 50, change: { team: 'Gremio', market: 'result', outcome: 'Gremio' } },
      ],
      [
        'add Gremio',
        { addsLeg: true },
        { teams: ['Gremio'] },
        OPEN,
        { add: { team_a: 'Gremio', market: 'result', outcome: 'Gremio' } },
      ],
      [
        'agrega el empate del Sevilla',
        { addsLeg: true, outcome: 'draw' },
        { teams: ['Sevilla'] },
        OPEN,
        { add: { team_a: 'Sevilla', market: 'result', outcome: 'draw' } },
      ],
      [
        'also btts in the Botafogo game',
        { addsLeg: true, outcome: 'yes' },
        { teams: ['Botafogo'], markets: ['both_teams_to_score'] },
        OPEN,
        { add: { team_a: 'Botafogo', market: 'both_teams_to_score', outcome: 'yes' } },
      ],
      [
        'remove Palmeiras',
        { removesLeg: true },
        { teams: ['Palmeiras'] },
        OPEN,
        { remove_team: 'Palmeiras' },
      ],
      ['tira o Flamengo', { removesLeg: true }, { teams: ['Flamengo'] }, OPEN, { remove_team: 'Flamengo' }],
      // A short reply that only names a pick, with no change verb.
      ['draw', { outcome: 'draw', aimsOnly: true }, {}, OPEN, { change: { market: 'result', outcome: 'draw' } }],
      [
        'under then',
        { outcome: 'under', aimsOnly: true },
        {},
        OPEN,
        { change: { market: 'over_under', outcome: 'under' } },
      ],
    ])('%s → update_bet_slip', (text, slip, entities, open, args) => {
      expect(planNextCalls(slipTurn(text, slip, { open, entities }))).toEqual(update(args));
    });

    it('a stake change with the match carried over changes the stake only, never the side', () => {
      const view = slipTurn('make it 25', { act: 'change', stake: 25, amountOnly: true }, {
        open: OPEN,
        entities: { teams: [OPEN.selections[0].home_team, OPEN.selections[0].away_team], amounts: [25] },
      });
      view.hints!.follow_up = true;
      expect(planNextCalls(view)).toEqual(update({ stake: 25 }));
    });

    it("a stake change with the slip's own market carried over keeps its pick", () => {
      const under = withLeg({ market: 'over_under', line: 2.5, outcome: 'under' });
      const view = slipTurn('and triple it', { act: 'change', stakeFactor: 3 }, {
        open: under,
        entities: { teams: ['Flamengo'], markets: ['over_under'], amounts: [30] },
      });
      view.hints!.follow_up = true;
      expect(planNextCalls(view)).toEqual(update({ stake_factor: 3 }));
    });

    it("a market preferred moves the slip's pick to that market, on the same side", () => {
      const away = withLeg({ outcome: 'away' });
      expect(
        planNextCalls(slipTurn('rather the spread', { act: 'change' }, { open: away, entities: { teams: ['Palmeiras'], markets: ['handicap'] } })),
      ).toEqual(update({ change: { market: 'handicap', outcome: 'away' } }));
    });

    it('changes nothing when the named stake is the one on the slip', () => {
      expect(planNextCalls(slipTurn('30 then', { stake: 30, amountOnly: true }, { open: OPEN }))).toEqual([]);
    });

    it('does not read an ordinary question as a slip change', () => {
      const calls = planNextCalls(
        slipTurn('is Palmeiras playing this week?', undefined, {
          open: OPEN,
          intent: 'MATCH_SCHEDULE_QUERY',
          entities: { teams: ['Palmeiras'] },
        }),
      );
      expect(calls.map((c) => c.name)).toEqual(['get_fixtures']);
    });

    it('cancels it', () => {
      expect(planNextCalls(slipTurn('cancela essa aposta', { act: 'cancel' }, { open: OPEN }))).toEqual([
        { name: 'cancel_bet_slip', args: {} },
      ]);
    });

    it('offers it again on a confirm that names nothing new, even with its teams carried over', () => {
      const show = [{ name: 'show_bet_slip', args: {} }];
      expect(planNextCalls(slipTurn('lock it in', { act: 'confirm' }, { open: OPEN }))).toEqual(show);
      expect(
        planNextCalls(
          slipTurn(
            'pode confirmar',
            { act: 'confirm' },
            {
              open: OPEN,
              intent: 'BET_SIMULATION',
              entities: { teams: ['Flamengo'], amounts: [30] },
            },
          ),
        ),
      ).toEqual(show);
    });

    it('stops once a slip tool has answered', () => {
      const shown: ToolOutcome = { name: 'show_bet_slip', args: {}, ok: true, result: { placed: false } };
      expect(planNextCalls(slipTurn('dale', { act: 'confirm' }, { open: OPEN, outcomes: [shown] }))).toEqual(
        [],
      );
    });

    describe('a payout asked of it', () => {
      const asked = (userText: string, slip: SlipReading, entities: Partial<Entities> = {}) =>
        planNextCalls(slipTurn(userText, slip, { open: OPEN, intent: 'ODDS_INFORMATION_QUERY', entities }));

      it('shows the slip, whose payout is its own, even with its team carried over', () => {
        expect(asked('what would that return?', { asksPayout: true }, { teams: ['Flamengo'] })).toEqual([
          { name: 'show_bet_slip', args: {} },
        ]);
      });

      it('works out a stake imagined, or a factor of its stake, at its odds without changing it', () => {
        expect(
          asked('e se eu botar 50, quanto rende?', {
            asksPayout: true,
            hypothetical: true,
            stake: 50,
            wantsBet: true,
          }),
        ).toEqual([{ name: 'calculate_payout', args: { stake: 50, odds: [2.1] } }]);
        expect(
          asked('what if I double it, how much would I win?', {
            act: 'change',
            stakeFactor: 2,
            asksPayout: true,
            hypothetical: true,
          }),
        ).toEqual([{ name: 'calculate_payout', args: { stake: 60, odds: [2.1] } }]);
      });

      it('is another pick’s price when it names an outcome or a market the slip does not hold', () => {
        const draw = asked(
          'si empatan cuánto me dan?',
          { asksPayout: true, outcome: 'draw' },
          { teams: ['Flamengo'] },
        );
        expect(draw.map((c) => c.name)).toEqual(['get_odds']);
        const total = asked(
          'what would the over return?',
          { asksPayout: true },
          { teams: ['Flamengo'], markets: ['over_under'] },
        );
        expect(total).toEqual([{ name: 'get_odds', args: { team_a: 'Flamengo', market: 'over_under' } }]);
      });
    });

    it('a go-ahead that names another stake changes the stake', () => {
      const view = slipTurn(
        'fechou, mas com 50',
        { act: 'confirm', stake: 50 },
        { open: OPEN, intent: 'BET_SIMULATION' },
      );
      expect(planNextCalls(view)).toEqual(update({ stake: 50 }));
    });

    it('a stake change with the slip’s own market carried over keeps the selection it backs', () => {
      const under = withLeg({ market: 'over_under', line: 2.5, outcome: 'under', odd: 1.95 });
      const view = slipTurn(
        'dobra aí',
        { act: 'change', stakeFactor: 2 },
        {
          open: under,
          entities: { teams: ['Flamengo', 'Palmeiras'], markets: ['over_under'] },
        },
      );
      view.hints!.follow_up = true;
      expect(planNextCalls(view)).toEqual(update({ stake_factor: 2 }));
    });
  });

  describe('with no open slip', () => {
    it('still plans cancel_bet_slip, so the answer can say there is nothing to cancel', () => {
      for (const intent of ['UNCLEAR', 'BET_SIMULATION', 'GENERAL_SPORTS_QUERY'] as Intent[])
        expect(planNextCalls(slipTurn('scrap that', { act: 'cancel' }, { intent }))).toEqual([
          { name: 'cancel_bet_slip', args: {} },
        ]);
    });

    it('plans show_bet_slip for a bare confirm, so the answer can say there is nothing to confirm', () => {
      expect(planNextCalls(slipTurn('sim', { act: 'confirm' }))).toEqual([
        { name: 'show_bet_slip', args: {} },
      ]);
      expect(
        planNextCalls(slipTurn('ok place it', { act: 'confirm' }, { intent: 'BET_SIMULATION' })),
      ).toEqual([{ name: 'show_bet_slip', args: {} }]);
    });

    it('does not turn a change into update_bet_slip', () => {
      expect(planNextCalls(slipTurn('double it', { act: 'change', stakeFactor: 2 }))).toEqual([]);
      expect(
        planNextCalls(slipTurn('add Gremio', { addsLeg: true }, { entities: { teams: ['Gremio'] } })).map(
          (c) => c.name,
        ),
      ).not.toContain('update_bet_slip');
    });
  });

  describe('a bet simulation never invents a stake', () => {
    const odds: ToolOutcome = {
      name: 'get_odds',
      args: { team_a: 'Botafogo' },
      ok: true,
      result: {
        fixture: { fixture_id: 'f-22', home_team: 'Botafogo', away_team: 'Gremio' },
        markets: [
          {
            market: 'result',
            selections: [
              { outcome: 'home', odd: 1.85 },
              { outcome: 'draw', odd: 3.4 },
              { outcome: 'away', odd: 4.2 },
            ],
          },
        ],
      },
    };
    const simulation = (
      slip: SlipReading | undefined,
      entities: Partial<Entities>,
      outcomes: ToolOutcome[] = [],
    ) => slipTurn('bet on Botafogo', slip, { intent: 'BET_SIMULATION', entities, outcomes });

    it('without a stake: prices the match without one, then proposes nothing', () => {
      expect(planNextCalls(simulation({ wantsBet: true }, { teams: ['Botafogo'] }))).toEqual([
        { name: 'get_odds', args: { team_a: 'Botafogo' } },
      ]);
      const next = planNextCalls(simulation({ wantsBet: true }, { teams: ['Botafogo'] }, [odds]));
      expect(next).toEqual([]);
    });

    it('with a stake: prices it, then works out the payout and proposes the slip', () => {
      expect(planNextCalls(simulation({ wantsBet: true }, { teams: ['Botafogo'], amounts: [40] }))).toEqual([
        { name: 'get_odds', args: { team_a: 'Botafogo', stake: 40 } },
      ]);
      expect(
        planNextCalls(simulation({ wantsBet: true }, { teams: ['Botafogo'], amounts: [40] }, [odds])).map(
          (c) => c.name,
        ),
      ).toEqual(['calculate_payout', 'propose_bet']);
    });

    it.each<[string, SlipReading, number[]]>([
      ['zero', { stakeIssue: 'zero' }, []],
      ['negative, written as a minus sign', { stakeIssue: 'negative' }, []],
      [
        'negative, written "menos 20" (the number alone was read as 20)',
        { stakeIssue: 'negative', stake: 20 },
        [20],
      ],
      ['unreadable', { stakeIssue: 'unreadable' }, []],
    ])('plans nothing for a stake that is %s', (_label, slip, amounts) => {
      const calls = planNextCalls(simulation(slip, { teams: ['Botafogo'], amounts }));
      expect(calls).toEqual([]);
      const after = planNextCalls(simulation(slip, { teams: ['Botafogo'], amounts }, [odds]));
      expect(after.map((c) => c.name)).not.toContain('propose_bet');
    });

    it('asks the balance for an all-in, and proposes nothing after it', () => {
      const slip: SlipReading = { stakeIssue: 'everything', wantsBet: true };
      expect(planNextCalls(simulation(slip, { teams: ['Botafogo'] }))).toEqual([
        { name: 'get_user_balance', args: {} },
      ]);
      const balance: ToolOutcome = {
        name: 'get_user_balance',
        args: {},
        ok: true,
        result: { balance: 500, playable_balance: 480, withdrawable_balance: 480, currency: 'BRL' },
      };
      expect(planNextCalls(simulation(slip, { teams: ['Botafogo'] }, [balance]))).toEqual([]);
    });
  });
});
