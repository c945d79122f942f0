import { emptyEntities, type Entities, type Intent, type Language } from '../../common/protocol';
import { isGrounded } from '../grounding/groundedness';
import { writeAnswer } from './answer-writer';
import type { ToolOutcome, TurnView } from './conversation';
import { PHRASES } from './phrases';

function turn(
  intent: Intent,
  userText: string,
  outcomes: ToolOutcome[] = [],
  entities: Partial<Entities> = {},
  language: Language = 'en',
): TurnView {
  return {
    hints: {
      language,
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

const fixture = {
  fixture_id: '7',
  tournament_id: '1',
  sport_id: '1',
  tournament: 'MLS',
  home_team: 'Columbus Crew',
  away_team: 'Atlanta United',
  start_time: '2026-11-30T01:30:00.000Z',
  status: 'upcoming',
};

describe('offline answer writer', () => {
  it.each([
    ['en', 'who won the world cup in 1986?'],
    ['es', '¿cuántos jugadores hay en un equipo?'],
    ['pt_br', 'quem é o artilheiro da história?'],
  ] as const)(
    'says it has no data for sports trivia (%s) instead of explaining odds unasked',
    (language, text) => {
      const answer = writeAnswer(turn('GENERAL_SPORTS_QUERY', text, [], {}, language));
      expect(answer).toBe(PHRASES[language].noFacts);
    },
  );

  it('explains the betting term asked, and the basics for a general betting question', () => {
    expect(writeAnswer(turn('GENERAL_SPORTS_QUERY', 'what is a clean sheet?'))).toContain(
      PHRASES.en.glossary.clean_sheet,
    );
    expect(writeAnswer(turn('GENERAL_SPORTS_QUERY', '¿qué es un autogol?', [], {}, 'es'))).toContain(
      PHRASES.es.glossary.own_goal,
    );
    expect(writeAnswer(turn('GENERAL_SPORTS_QUERY', 'how does betting work here?'))).toContain(
      PHRASES.en.glossary.odds,
    );
  });

  it('says the asked window was empty before picks from the next matches, without the failure line', () => {
    const outcomes: ToolOutcome[] = [
      {
        name: 'get_recommendations',
        args: { date_from: '2026-11-25' },
        ok: false,
        result: { error: 'no_matches' },
      },
      {
        name: 'get_recommendations',
        args: {},
        ok: true,
        result: {
          picks: [
            {
              kind: 'favourite',
              fixture,
              market: 'result',
              outcome: 'home',
              name: 'Columbus Crew',
              odd: 1.8,
              implied_probability_pct: 55.6,
              margin_pct: 7,
              example: { stake: 100, returns: 180 },
            },
          ],
          disclaimer: 'x',
        },
      },
    ];
    const answer = writeAnswer(turn('BETTING_RECOMMENDATION', 'tips tonight', outcomes));
    expect(answer.startsWith(PHRASES.en.widenedPicks)).toBe(true);
    expect(answer).not.toContain(PHRASES.en.errors.no_matches);
    expect(answer).toContain('**Columbus Crew** at 1.80');
    expect(
      isGrounded(
        answer,
        outcomes.map((o) => JSON.stringify(o.result)),
        'tips tonight',
      ).grounded,
    ).toBe(true);
  });

  it("names the teams that do not meet before each one's next match", () => {
    const outcomes: ToolOutcome[] = [
      { name: 'find_match', args: {}, ok: false, result: { error: 'match_not_found' } },
      {
        name: 'get_fixtures',
        args: { team: 'Columbus Crew' },
        ok: true,
        result: { fixtures: [fixture], count: 1 },
      },
    ];
    const answer = writeAnswer(
      turn('MATCH_SCHEDULE_QUERY', 'when do they meet', outcomes, { teams: ['Columbus Crew', 'LA Galaxy'] }),
    );
    expect(answer.split('\n\n')[0]).toBe(PHRASES.en.noHeadToHead('Columbus Crew', 'LA Galaxy'));
    expect(answer).toContain('Atlanta United');
    expect(answer).not.toContain(PHRASES.en.errors.match_not_found);
  });

  it('says when a comparison has no winner market to read, and titles basketball totals without goals', () => {
    const odds: ToolOutcome = {
      name: 'get_odds',
      args: { team_a: 'Los Angeles Lakers', team_b: 'Boston Celtics' },
      ok: true,
      result: {
        fixture: {
          ...fixture,
          sport_id: '3',
          tournament: 'NBA',
          home_team: 'Los Angeles Lakers',
          away_team: 'Boston Celtics',
        },
        markets: [
          {
            market: 'over_under',
            line: 229.5,
            margin_pct: 5,
            selections: [
              { outcome: 'over', name: 'Over 229.5', odd: 1.9, implied_probability_pct: 52.6 },
              { outcome: 'under', name: 'Under 229.5', odd: 1.91, implied_probability_pct: 52.4 },
            ],
          },
        ],
        payout_examples: [],
      },
    };
    const answer = writeAnswer(
      turn('TEAM_COMPARISON', 'lakers or celtics?', [odds], {
        teams: ['Los Angeles Lakers', 'Boston Celtics'],
      }),
    );
    expect(answer.startsWith(PHRASES.en.compareNoWinnerMarket('Los Angeles Lakers', 'Boston Celtics'))).toBe(
      true,
    );
    expect(answer).toContain('Total over/under 229.5');
    expect(answer).not.toContain('goals');
  });

  describe('the payout of a stake only imagined, with a slip open', () => {
    const open = {
      proposal_id: 'p1',
      stake: 20,
      currency: 'USD',
      expires_at: '2026-11-25T12:05:00.000Z',
      selections: [{ fixture_id: '7', home_team: 'Columbus Crew', away_team: 'Atlanta United', market: 'result' as const, outcome: 'home', odd: 2.5 }],
      combined_odd: 2.5,
    };
    const payout = (stake: number): ToolOutcome => ({
      name: 'calculate_payout',
      args: { stake, odds: [2.5] },
      ok: true,
      result: { kind: 'single', stake, odds: [2.5], combined_odd: 2.5, potential_return: stake * 2.5, profit: stake * 1.5 },
    });
    const withSlip = (view: TurnView): TurnView => ({ ...view, hints: { ...view.hints!, open_slip: open } });

    it.each([
      ['en', 'BET_SIMULATION', 'and if I put 60 on it, what comes back?', 'Your slip is unchanged at $20.00; say "make it $60.00"'],
      ['es', 'ODDS_INFORMATION_QUERY', '¿y con 60 cuánto saco?', 'Tu boleto sigue en $20,00; di «ponlo en $60,00»'],
      ['pt_br', 'BET_SIMULATION', 'e com 60, quanto eu tiro?', 'Seu bilhete continua em $20,00; diga "muda pra $60,00"'],
    ] as const)('says the slip keeps its own stake, and how to change it (%s)', (language, intent, text, note) => {
      const answer = writeAnswer(withSlip(turn(intent, text, [payout(60)], { amounts: [60] }, language)));
      expect(answer).toContain(note);
      // Every figure is the payout's or the open slip's (the runtime guard is given the slip too).
      expect(isGrounded(answer, [JSON.stringify(payout(60).result), JSON.stringify(open)], text).grounded).toBe(true);
    });

    it('adds nothing when the payout is of the slip\'s own stake, and assumes no stake for a multiple of it', () => {
      expect(writeAnswer(withSlip(turn('BET_SIMULATION', 'what does it pay?', [payout(20)])))).not.toContain(PHRASES.en.slipUnchanged('$20.00', '$20.00'));
      const tripled = writeAnswer(withSlip(turn('BET_SIMULATION', 'and three times that?', [payout(60)])));
      expect(tripled).not.toContain(PHRASES.en.noStakeAssumed('$60.00'));
      expect(tripled).toContain(PHRASES.en.slipUnchanged('$20.00', '$60.00'));
    });
  });
});
