import { emptyEntities, type Entities, type Intent, type Language } from '../../common/protocol';
import type { TurnHints } from '../agent/turn-hints';
import type { FixtureView, OddsResult, RecommendationsResult } from '../tools/tool-views';
import { writeAnswer } from './answer-writer';
import { planNextCalls } from './planner';
import type { ToolOutcome, TurnView } from './conversation';
import { PHRASES } from './phrases';

function turn(
  intent: Intent,
  userText: string,
  outcomes: ToolOutcome[] = [],
  extra: Omit<Partial<TurnHints>, 'entities'> & { entities?: Partial<Entities> } = {},
  language: Language = 'en',
): TurnView {
  const { entities, ...rest } = extra;
  return {
    hints: {
      language,
      intent,
      confidence: 0.9,
      entities: { ...emptyEntities(), ...entities },
      today: '2026-11-25',
      ...rest,
    },
    userText,
    outcomes,
    steps: outcomes.length > 0 ? 1 : 0,
  };
}

/** Kicks off at 01:30 UTC on the 26th: 22:30 on the 25th in São Paulo. */
const fixture: FixtureView = {
  fixture_id: '41',
  tournament_id: '8',
  sport_id: '1',
  tournament: 'Brasileirao',
  home_team: 'Fluminense',
  away_team: 'Gremio',
  start_time: '2026-11-26T01:30:00.000Z',
  status: 'upcoming',
};

/** The home side's win as get_recommendations returns it, before its reasoning. */
const FAVOURITE_PICK = {
  kind: 'favourite' as const,
  fixture,
  market: 'result' as const,
  outcome: 'home',
  name: 'Fluminense',
  odd: 2.05,
  implied_probability_pct: 48.8,
  margin_pct: 4.8,
};

function oddsOutcome(result: Partial<OddsResult> = {}, args: Record<string, unknown> = {}): ToolOutcome {
  const odds: OddsResult = {
    fixture,
    markets: [
      {
        market: 'result',
        margin_pct: 4.8,
        selections: [
          { outcome: 'home', name: 'Fluminense', odd: 2.05, implied_probability_pct: 48.8 },
          { outcome: 'draw', name: 'Draw', odd: 3.3, implied_probability_pct: 30.3 },
          { outcome: 'away', name: 'Gremio', odd: 3.75, implied_probability_pct: 26.7 },
        ],
      },
      {
        market: 'over_under',
        line: 2.5,
        margin_pct: 5.1,
        selections: [
          { outcome: 'over', name: 'Over 2.5', odd: 2.1, implied_probability_pct: 47.6 },
          { outcome: 'under', name: 'Under 2.5', odd: 1.75, implied_probability_pct: 57.1 },
        ],
      },
    ],
    payout_examples: [],
    ...result,
  };
  return { name: 'get_odds', args: { team_a: 'Fluminense', ...args }, ok: true, result: odds as never };
}

describe('offline answers addressed to what the user asked', () => {
  describe('kick-off times in the user zone', () => {
    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
      jest.setSystemTime(new Date('2026-11-25T15:00:00Z'));
    });
    afterEach(() => jest.useRealTimers());

    it('writes the local hour and names the zone, with today as it is there', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'odds for Fluminense, Brasília time', [oddsOutcome()], {
          entities: { teams: ['Fluminense'] },
          timezone: 'America/Sao_Paulo',
        }),
      );
      expect(answer).toContain('today at 22:30 (America/Sao Paulo)');
      expect(answer).not.toContain('01:30');
      expect(answer).not.toContain('UTC');
    });

    it('says tomorrow when the match is on the next local day', () => {
      const answer = writeAnswer(
        turn(
          'ODDS_INFORMATION_QUERY',
          'cuotas del Fluminense en hora de Madrid',
          [oddsOutcome()],
          { entities: { teams: ['Fluminense'] }, timezone: 'Europe/Madrid' },
          'es',
        ),
      );
      expect(answer).toContain('mañana a las 02:30 (Europe/Madrid)');
    });

    it('stays in UTC without a zone', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'odds for Fluminense', [oddsOutcome()], { entities: { teams: ['Fluminense'] } }),
      );
      expect(answer).toContain('tomorrow at 01:30 UTC');
    });
  });

  describe('a follow-up about one outcome of the match just shown', () => {
    it.each([
      ['en', 'and the under?', 'under', 'Same match — Under 2.5: 1.75 (57.1% implied), Total goals over/under 2.5, bookmaker margin 5.1%.'],
      ['es', '¿y el empate?', 'draw', 'Mismo partido — Empate: 3,30 (30,3% implícita), Resultado del partido (1X2), margen de la casa 4,8%.'],
      ['pt_br', 'e o empate?', 'draw', 'Mesmo jogo — Empate: 3,30 (30,3% implícita), Resultado final (1X2), margem da casa 4,8%.'],
    ] as const)('gives that price, not the whole block again (%s)', (language, text, outcome, line) => {
      const hints = { entities: { teams: ['Fluminense'] }, follow_up: true as const, slip: { outcome } };
      const answer = writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [oddsOutcome()], hints, language));
      expect(answer.split('\n')).toHaveLength(2);
      expect(answer.split('\n')[1]).toBe(line);
    });

    it('asks the tools for the market of the outcome named', () => {
      const hints = { entities: { teams: ['Fluminense'] }, follow_up: true as const, slip: { outcome: 'under' as const } };
      expect(planNextCalls(turn('ODDS_INFORMATION_QUERY', 'and the under?', [], hints))).toEqual([
        { name: 'get_odds', args: { team_a: 'Fluminense', market: 'over_under' } },
      ]);
    });

    it('shows every price on a first question that names an outcome', () => {
      const hints = { entities: { teams: ['Fluminense'] }, slip: { outcome: 'draw' as const } };
      const answer = writeAnswer(turn('ODDS_INFORMATION_QUERY', 'Fluminense draw price', [oddsOutcome()], hints));
      expect(answer).toContain('Gremio: 3.75');
    });
  });

  describe('figures written as the answer language writes them', () => {
    const odds = (language: Language) =>
      writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'Fluminense', [oddsOutcome()], { entities: { teams: ['Fluminense'] } }, language),
      );

    it('uses decimal points in English', () => {
      expect(odds('en')).toContain('2.05');
      expect(odds('en')).toContain('48.8%');
    });

    it.each(['es', 'pt_br'] as const)('uses decimal commas in %s, odds and percentages alike', (language) => {
      const answer = odds(language);
      expect(answer).toContain('2,05');
      expect(answer).toContain('48,8%');
      expect(answer).not.toMatch(/\b\d+\.\d{2}\b/);
    });

    it('groups thousands with points in Spanish money', () => {
      const balance: ToolOutcome = {
        name: 'get_user_balance',
        args: {},
        ok: true,
        result: { balance: 1234.5, playable_balance: 1234.5, withdrawable_balance: 1000, currency: 'USD' },
      };
      expect(writeAnswer(turn('USER_BALANCE_QUERY', 'saldo', [balance], {}, 'es'))).toContain('$1.234,50');
      expect(writeAnswer(turn('USER_BALANCE_QUERY', 'balance', [balance], {}, 'en'))).toContain('$1,234.50');
    });
  });

  describe('the question for a namesake', () => {
    const ambiguous = [{ mention: 'atletico', candidates: ['Atletico Madrid', 'Atletico Mineiro'] }];
    it.each([
      ['en', 'odds for Atletico?', 'Which team do you mean: Atletico Madrid or Atletico Mineiro?'],
      ['es', '¿cuotas del Atlético?', '¿Cuál de los equipos quieres decir: Atletico Madrid o Atletico Mineiro?'],
      ['pt_br', 'odds do Atlético?', 'Qual dos times você quer dizer: Atletico Madrid ou Atletico Mineiro?'],
    ] as const)('asks which one (%s)', (language, text, question) => {
      expect(writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [], { ambiguous }, language))).toBe(question);
    });

    it('asks before fetching anything even when the other side is named', () => {
      const hints = {
        entities: { teams: ['Sevilla'] },
        ambiguous: [{ mention: 'madrid', candidates: ['Real Madrid', 'Atletico Madrid'] }],
      };
      const question = turn('ODDS_INFORMATION_QUERY', 'Madrid vs Sevilla odds', [], hints);
      expect(planNextCalls(question)).toEqual([]);
      expect(writeAnswer(question)).toBe('Which team do you mean: Real Madrid or Atletico Madrid?');
    });

    it('lists three candidates with commas', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'united odds', [], {
          ambiguous: [{ mention: 'united', candidates: ['Manchester United', 'Newcastle United', 'Atlanta United'] }],
        }),
      );
      expect(answer).toBe('Which team do you mean: Manchester United, Newcastle United or Atlanta United?');
    });
  });

  describe('something not offered', () => {
    const listing: ToolOutcome = {
      name: 'get_tournaments',
      args: {},
      ok: true,
      result: {
        tournaments: [
          { id: '1', name: 'Premier League' },
          { id: '8', name: 'Brasileirao' },
        ],
        count: 2,
      },
    };

    it.each([
      ['en', 'odds for Sunderland', { kind: 'team', name: 'Sunderland' }, "We don't offer Sunderland"],
      ['es', 'partidos de la liga argentina', { kind: 'competition', name: 'liga argentina' }, 'No ofrecemos liga argentina'],
      ['pt_br', 'tem vôlei hoje?', { kind: 'sport', name: 'vôlei' }, 'Não oferecemos vôlei'],
    ] as const)('says so with the tournament list (%s)', (language, text, unknown, opening) => {
      const answer = writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [listing], { unknown }, language));
      expect(answer.startsWith(opening)).toBe(true);
      expect(answer).toContain('Premier League, Brasileirao');
      expect(answer).not.toMatch(/\d\.\d\d/);
      expect(answer).not.toMatch(/\d\d:\d\d/);
    });

    it.each([
      ['en', 'Fulham or Burnley this weekend?', "We don't offer Fulham and Burnley: those teams are not in our sportsbook."],
      ['es', '¿Fulham o Burnley?', 'No ofrecemos Fulham y Burnley: esos equipos no están en nuestra casa de apuestas.'],
      ['pt_br', 'Fulham ou Burnley?', 'Não oferecemos Fulham e Burnley: esses times não estão na nossa casa de apostas.'],
    ] as const)('names every club not offered (%s)', (language, text, opening) => {
      const unknown = { kind: 'team' as const, name: 'Fulham', others: ['Burnley'] };
      expect(writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [listing], { unknown }, language)).startsWith(opening)).toBe(true);
    });

    it.each([
      ['en', 'how much does Sinner pay?', "We don't offer bets on Jannik Sinner: that sport is not in our sportsbook."],
      ['es', '¿cuánto paga Sinner?', 'No ofrecemos apuestas de Jannik Sinner: ese deporte no está en nuestra casa de apuestas.'],
      ['pt_br', 'quanto paga o Sinner?', 'Não oferecemos apostas de Jannik Sinner: esse esporte não está na nossa casa de apostas.'],
    ] as const)('says an athlete of a sport not offered is not offered (%s)', (language, text, opening) => {
      const unknown = { kind: 'athlete' as const, name: 'Jannik Sinner' };
      expect(writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [listing], { unknown }, language)).startsWith(opening)).toBe(true);
    });

    it('says the club not offered, then prices the offered side it was set against', () => {
      const unknown = { kind: 'team' as const, name: 'Vasco da Gama', facing: 'Fluminense' };
      const hints = { unknown, entities: { teams: ['Fluminense'] } };
      expect(planNextCalls(turn('ODDS_INFORMATION_QUERY', 'Fluminense x Vasco', [], hints))).toEqual([
        { name: 'get_odds', args: { team_a: 'Fluminense' } },
      ]);
      const answer = writeAnswer(turn('ODDS_INFORMATION_QUERY', 'Fluminense x Vasco', [oddsOutcome()], hints));
      expect(answer.startsWith("We don't offer Vasco da Gama: that team is not in our sportsbook.\n\n**Fluminense vs Gremio**")).toBe(true);
      expect(answer).toContain('2.05');
    });

    it.each([
      ['en', 'odds for Chelsae?', "I can't find a team called Chelsae. Did you mean Chelsea?"],
      ['es', 'cuotas del Chelsae', 'No encuentro ningún equipo llamado Chelsae. ¿Quisiste decir Chelsea?'],
      ['pt_br', 'odds do Chelsae', 'Não encontro nenhum time chamado Chelsae. Você quis dizer Chelsea?'],
    ] as const)('asks about the offered team closest to a misspelt name (%s)', (language, text, question) => {
      const unknown = { kind: 'team', name: 'Chelsae', suggestion: 'Chelsea' } as const;
      expect(writeAnswer(turn('ODDS_INFORMATION_QUERY', text, [listing], { unknown }, language))).toBe(question);
    });
  });

  describe('a bet with no team named', () => {
    it.each([
      ['en', 'put 30 on it', 'Which team (or match) should I put $30.00 on?'],
      ['es', 'métele 30', '¿A qué equipo (o partido) le pongo los $30,00?'],
      ['pt_br', 'coloca 30', 'Em qual time (ou jogo) eu coloco os $30,00?'],
    ] as const)('asks which team, keeping the stake given (%s)', (language, text, question) => {
      const answer = writeAnswer(turn('BET_SIMULATION', text, [], { entities: { amounts: [30] } }, language));
      expect(answer.startsWith(question)).toBe(true);
    });

    it('asks which outcome after the prices when the stake is put on a match', () => {
      const answer = writeAnswer(
        turn('BET_SIMULATION', '40 on the Fluminense game', [oddsOutcome()], { entities: { teams: ['Fluminense'], amounts: [40] } }),
      );
      expect(answer).toContain('2.05');
      expect(answer.endsWith('Which outcome should I put your $40.00 on?')).toBe(true);
    });

    it('asks for both when neither is given, as a question', () => {
      expect(writeAnswer(turn('BET_SIMULATION', 'i want to bet', [], {}))).toMatch(/^Which team .*\?/);
    });
  });

  describe('odds blocks', () => {
    it('heads the odds with the market that is not offered', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'corners in the Fluminense game?', [oddsOutcome()], {
          entities: { teams: ['Fluminense'] },
          market_not_offered: 'corners',
        }),
      );
      const heading = PHRASES.en.marketNotOffered('corners', 'Fluminense', 'Gremio');
      expect(answer.startsWith(heading)).toBe(true);
      expect(answer.indexOf(heading)).toBeLessThan(answer.indexOf('2.05'));
    });

    it('a bet asked on a market that is not offered gets that said, not a stake question', () => {
      const answer = writeAnswer(
        turn('BET_SIMULATION', 'could I put money on bookings in the Fluminense game', [oddsOutcome()], {
          entities: { teams: ['Fluminense'] },
          market_not_offered: 'bookings',
        }),
      );
      expect(answer.startsWith(PHRASES.en.marketNotOffered('bookings', 'Fluminense', 'Gremio'))).toBe(true);
      expect(answer).not.toMatch(/how much/i);
    });

    it('reads "the other side" against the team the conversation is about', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'and their opponents?', [oddsOutcome()], {
          entities: { teams: ['Fluminense'] },
          slip: { outcome: 'opponent' },
          follow_up: true,
        }),
      );
      expect(answer).toContain('Gremio: 3.75');
      expect(answer).not.toContain('Fluminense: 2.05');
    });

    it('says the goals line asked is not the one priced, before the prices', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'over 4.5 in the Fluminense game?', [oddsOutcome()], {
          entities: { teams: ['Fluminense'], markets: ['over_under'] },
          slip: { outcome: 'over', line: 4.5 },
        }),
      );
      expect(answer.split('\n')[0]).toBe(PHRASES.en.lineNotOffered(PHRASES.en.over('2.5'), PHRASES.en.under('2.5')));
      const asked = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'over 2.5 in the Fluminense game?', [oddsOutcome()], {
          entities: { teams: ['Fluminense'], markets: ['over_under'] },
          slip: { outcome: 'over', line: 2.5 },
        }),
      );
      expect(asked).not.toContain('not offered');
    });

    it('names the missing market from the tool result when the hint has none', () => {
      const answer = writeAnswer(
        turn(
          'ODDS_INFORMATION_QUERY',
          'ambas marcam no jogo do Fluminense?',
          [oddsOutcome({ not_offered: { market: 'both_teams_to_score', offered: ['result', 'over_under'] } })],
          { entities: { teams: ['Fluminense'] } },
          'pt_br',
        ),
      );
      expect(answer.split('\n')[0]).toBe(
        PHRASES.pt_br.marketNotOffered(PHRASES.pt_br.markets.both_teams_to_score, 'Fluminense', 'Gremio'),
      );
    });

    describe('another market of the same match, asked in a follow-up', () => {
      const halfTime = {
        market: 'half_time_result' as const,
        margin_pct: 6.1,
        selections: [
          { outcome: 'home', name: 'Fluminense', odd: 2.9, implied_probability_pct: 34.5 },
          { outcome: 'draw', name: 'Draw', odd: 2.15, implied_probability_pct: 46.5 },
          { outcome: 'away', name: 'Gremio', odd: 4.6, implied_probability_pct: 21.7 },
        ],
      };
      const doubleChance = {
        market: 'double_chance' as const,
        margin_pct: 9.2,
        selections: [
          { outcome: 'home_or_draw', name: 'Fluminense or draw', odd: 1.28, implied_probability_pct: 78.1 },
          { outcome: 'away_or_draw', name: 'Gremio or draw', odd: 1.72, implied_probability_pct: 58.1 },
          { outcome: 'home_or_away', name: 'Fluminense or Gremio', odd: 1.36, implied_probability_pct: 73.5 },
        ],
      };
      const odds = (extra: OddsResult['markets'][number]) => {
        const outcome = oddsOutcome();
        const result = outcome.result as unknown as OddsResult;
        return { ...outcome, result: { ...result, markets: [result.markets[0], extra] } as never };
      };

      it('gives the draw of the market asked (half-time), not the match result draw', () => {
        const answer = writeAnswer(
          turn('ODDS_INFORMATION_QUERY', 'and a draw at the break?', [odds(halfTime)], {
            entities: { teams: ['Fluminense'], markets: ['half_time_result'] },
            slip: { outcome: 'draw' },
            follow_up: true,
          }),
        );
        expect(answer).toContain('2.15');
        expect(answer).not.toContain('3.30');
      });

      it('reads "team or the draw" as that team\'s double chance', () => {
        const answer = writeAnswer(
          turn('ODDS_INFORMATION_QUERY', 'and Gremio or the draw?', [odds(doubleChance)], {
            entities: { teams: ['Gremio'], markets: ['double_chance'] },
            slip: { outcome: 'draw' },
            follow_up: true,
          }),
        );
        expect(answer).toContain(`${PHRASES.en.orDraw('Gremio')}: 1.72`);
        expect(answer).not.toContain('3.30');
      });

      it('shows both sides of a total when neither was named', () => {
        const answer = writeAnswer(
          turn('ODDS_INFORMATION_QUERY', 'and the goal line?', [oddsOutcome()], {
            entities: { teams: ['Fluminense'], markets: ['over_under'] },
            follow_up: true,
          }),
        );
        expect(answer).toContain('2.10');
        expect(answer).toContain('1.75');
      });
    });

    it('says basketball has no draw before the winner prices, when the draw is asked of a game', () => {
      const game: ToolOutcome = {
        name: 'get_odds',
        args: { team_a: 'Miami Heat' },
        ok: true,
        result: {
          fixture: { ...fixture, sport_id: '3', tournament: 'NBA', home_team: 'Miami Heat', away_team: 'Dallas Mavericks' },
          markets: [
            {
              market: 'win',
              margin_pct: 5,
              selections: [
                { outcome: 'home', name: 'Miami Heat', odd: 1.7, implied_probability_pct: 58.8 },
                { outcome: 'away', name: 'Dallas Mavericks', odd: 2.2, implied_probability_pct: 45.5 },
              ],
            },
          ],
          payout_examples: [],
        },
      };
      const asked = (language: Language) =>
        writeAnswer(
          turn('ODDS_INFORMATION_QUERY', 'draw price in the Heat game?', [game], { entities: { teams: ['Miami Heat'] }, slip: { outcome: 'draw' } }, language),
        );
      for (const language of ['en', 'es', 'pt_br'] as const) expect(asked(language).startsWith(PHRASES[language].noDrawInBasketball)).toBe(true);
      expect(asked('en')).toContain('1.70');
      // A football match's draw is simply priced.
      const football = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'draw price in the Fluminense game?', [oddsOutcome()], { entities: { teams: ['Fluminense'] }, slip: { outcome: 'draw' } }),
      );
      expect(football).not.toContain(PHRASES.en.noDrawInBasketball);
    });

    it('heads every market of the match with what they are, when the markets were asked', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'what else can I bet on there?', [oddsOutcome({}, { all_markets: true })], {
          entities: { teams: ['Fluminense'] },
          asks_markets: true,
        }),
      );
      expect(answer.startsWith(PHRASES.en.marketsOffered('Fluminense', 'Gremio'))).toBe(true);
      expect(answer).toContain('3.30');
      expect(answer).toContain('1.75');
    });

    it('narrows the payouts to the outcome the user named', () => {
      const payouts = oddsOutcome(
        {
          payout_examples: [
            { stake: 40, market: 'over_under', line: 2.5, outcome: 'over', name: 'Over 2.5', odd: 2.1, returns: 84, profit: 44 },
            { stake: 40, market: 'over_under', line: 2.5, outcome: 'under', name: 'Under 2.5', odd: 1.75, returns: 70, profit: 30 },
          ],
        },
        { market: 'over_under', stake: 40 },
      );
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', '40 on under in the Fluminense game, what do I get?', [payouts], {
          entities: { teams: ['Fluminense'], amounts: [40] },
          slip: { outcome: 'under' },
        }),
      );
      expect(answer).toContain('$70.00');
      expect(answer).not.toContain('$84.00');
      expect(answer).toContain('A $40.00 stake returns');
    });

    it("gives the payout of the named team's win when the stake is put on that team", () => {
      const payouts = oddsOutcome(
        {
          payout_examples: [
            { stake: 30, market: 'result', outcome: 'home', name: 'Fluminense', odd: 2.05, returns: 61.5, profit: 31.5 },
            { stake: 30, market: 'result', outcome: 'draw', name: 'Draw', odd: 3.3, returns: 99, profit: 69 },
            { stake: 30, market: 'result', outcome: 'away', name: 'Gremio', odd: 3.75, returns: 112.5, profit: 82.5 },
          ],
        },
        { stake: 30 },
      );
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', '30 on Gremio, what does it pay?', [payouts], {
          entities: { teams: ['Gremio'], amounts: [30] },
        }),
      );
      expect(answer).toContain('$112.50');
      expect(answer).not.toContain('$61.50');
      expect(answer).not.toContain('$99.00');
    });

    it('shows every outcome of the asked market when no outcome was named', () => {
      const payouts = oddsOutcome(
        {
          payout_examples: [
            { stake: 40, market: 'over_under', line: 2.5, outcome: 'over', name: 'Over 2.5', odd: 2.1, returns: 84, profit: 44 },
            { stake: 40, market: 'over_under', line: 2.5, outcome: 'under', name: 'Under 2.5', odd: 1.75, returns: 70, profit: 30 },
          ],
        },
        { market: 'over_under', stake: 40 },
      );
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'goals line for Fluminense with 40', [payouts], {
          entities: { teams: ['Fluminense'], amounts: [40] },
        }),
      );
      expect(answer).toContain('$84.00');
      expect(answer).toContain('$70.00');
    });

    it('prints no stake line when the user gave no stake', () => {
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', 'Fluminense prices', [oddsOutcome()], { entities: { teams: ['Fluminense'] } }),
      );
      expect(answer).toContain('2.05');
      expect(answer).not.toContain('$100');
      expect(answer).not.toMatch(/stake returns/);
    });
  });

  it('opens with the reasons when the user asks why', () => {
    const picks: ToolOutcome = {
      name: 'get_recommendations',
      args: {},
      ok: true,
      result: {
        picks: [
          {
            ...FAVOURITE_PICK,
            reasoning: 'Fluminense is favoured at 2.05 (implied 48.8%).',
            example: { stake: 100, returns: 205 },
          },
        ],
        disclaimer: 'x',
      },
    };
    const why = writeAnswer(turn('BETTING_RECOMMENDATION', 'why those?', [picks], { asks_why: true }));
    expect(why.startsWith(PHRASES.en.whyPicks)).toBe(true);
    const plain = writeAnswer(turn('BETTING_RECOMMENDATION', 'any tips?', [picks]));
    expect(plain.startsWith(PHRASES.en.picksIntro)).toBe(true);
    expect(plain.startsWith(PHRASES.en.whyPicks)).toBe(false);
  });

  it('asks the tools for the kind of pick asked and explains an underdog as one', () => {
    const asked = turn('BETTING_RECOMMENDATION', 'an outsider for Saturday?', [], { pick_style: 'underdog' });
    expect(planNextCalls(asked)).toEqual([{ name: 'get_recommendations', args: { style: 'underdog' } }]);
    const picks: ToolOutcome = {
      name: 'get_recommendations',
      args: { style: 'underdog' },
      ok: true,
      result: {
        picks: [
          {
            kind: 'underdog',
            fixture,
            market: 'result',
            outcome: 'away',
            name: 'Gremio',
            odd: 3.75,
            favourite_odd: 2.05,
            implied_probability_pct: 26.7,
            margin_pct: 4.8,
            reasoning: 'x',
          },
        ],
        disclaimer: 'x',
      },
    };
    const answer = writeAnswer(turn('BETTING_RECOMMENDATION', 'an outsider for Saturday?', [picks], { pick_style: 'underdog' }));
    expect(answer.startsWith(PHRASES.en.picksOf.underdog)).toBe(true);
    expect(answer).toContain('3.75');
    expect(answer).toContain('The side the market does not favour (Fluminense is at 2.05): 26.7% implied');
    // No stake named, no example stake.
    expect(answer).not.toMatch(/returns \$/);
    const [underdog] = (picks.result as unknown as RecommendationsResult).picks;
    const withStake: ToolOutcome = {
      ...picks,
      result: { picks: [{ ...underdog, example: { stake: 20, returns: 75 } }], disclaimer: 'x' },
    };
    const staked = writeAnswer(turn('BETTING_RECOMMENDATION', 'an outsider for 20?', [withStake], { pick_style: 'underdog' }));
    expect(staked).toContain('$20.00 returns $75.00.');
  });

  it('a follow-up asking another market shows that market, not the match result again; a direct question shows both', () => {
    const entities = { teams: ['Fluminense'], markets: ['over_under' as const] };
    const followUp = writeAnswer(turn('ODDS_INFORMATION_QUERY', 'and the over/under?', [oddsOutcome()], { entities, follow_up: true }));
    expect(followUp).toContain('Over 2.5');
    expect(followUp).not.toContain('Gremio: 3.75');
    const direct = writeAnswer(turn('ODDS_INFORMATION_QUERY', 'odds for Fluminense, over/under too', [oddsOutcome()], { entities }));
    expect(direct).toContain('Over 2.5');
    expect(direct).toContain('Gremio: 3.75');
  });

  it('a stake on the pick the previous answer put forward prices and proposes that very selection, not a parlay of its teams', () => {
    const focus = { fixture_id: '41', home_team: 'Fluminense', away_team: 'Gremio', market: 'over_under' as const, line: 2.5, outcome: 'over', name: 'Over 2.5' };
    const entities = { teams: ['Fluminense', 'Gremio'], markets: ['over_under' as const], amounts: [30] };
    const first = planNextCalls(turn('BET_SIMULATION', 'ok 30 on it', [], { entities, focus }));
    expect(first).toEqual([{ name: 'get_odds', args: { fixture_id: '41', stake: 30, market: 'over_under' } }]);
    const priced = oddsOutcome({}, { fixture_id: '41', stake: 30, market: 'over_under' });
    expect(planNextCalls(turn('BET_SIMULATION', 'ok 30 on it', [priced], { entities, focus }))).toEqual([
      { name: 'calculate_payout', args: { stake: 30, odds: [2.1] } },
      { name: 'propose_bet', args: { stake: 30, selections: [{ fixture_id: '41', market: 'over_under', outcome: 'over', line: 2.5 }] } },
    ]);
    // Without a stake there is nothing to propose: the price is shown and the answer asks for one.
    expect(planNextCalls(turn('BET_SIMULATION', 'ok that one', [priced], { entities: { ...entities, amounts: [] }, focus }))).toEqual([]);
  });

  it('says a stake named in another currency is in the account\'s, once a tool named it', () => {
    const balance: ToolOutcome = { name: 'get_user_balance', args: {}, ok: true, result: { playable_balance: 80, currency: 'USD' } };
    const entities = { teams: ['Fluminense'], amounts: [40] };
    const quid = writeAnswer(turn('BET_SIMULATION', 'stick 40 quid on Fluminense', [oddsOutcome(), balance], { entities }));
    expect(quid).toContain(PHRASES.en.stakeCurrency('USD'));
    const dollars = writeAnswer(turn('BET_SIMULATION', 'stick 40 dollars on Fluminense', [oddsOutcome(), balance], { entities }));
    expect(dollars).not.toContain(PHRASES.en.stakeCurrency('USD'));
    // No tool named the account's currency: nothing is claimed about it.
    expect(writeAnswer(turn('BET_SIMULATION', 'stick 40 quid on Fluminense', [oddsOutcome()], { entities }))).not.toContain('currency');
  });

  it('asks the tools for as many picks as the user asked, and shows one pick as one, not as a list', () => {
    const asked = turn('BETTING_RECOMMENDATION', 'one tip for Sunday, only one', [], { pick_count: 1 });
    expect(planNextCalls(asked)).toEqual([{ name: 'get_recommendations', args: { limit: 1 } }]);
    const pick = { ...FAVOURITE_PICK, reasoning: 'x' };
    const one: ToolOutcome = { name: 'get_recommendations', args: { limit: 1 }, ok: true, result: { picks: [pick], disclaimer: 'x' } };
    const answer = writeAnswer(turn('BETTING_RECOMMENDATION', 'one tip for Sunday, only one', [one], { pick_count: 1 }));
    expect(answer.startsWith(PHRASES.en.topPick)).toBe(true);
    expect(answer).not.toMatch(/^1\. /m);
    expect(answer).toContain('2.05');
    const why = writeAnswer(turn('BETTING_RECOMMENDATION', 'why?', [one], { pick_count: 1, asks_why: true }));
    expect(why.startsWith(PHRASES.en.whyTopPick)).toBe(true);
    // Several picks stay a numbered list.
    const two: ToolOutcome = { ...one, result: { picks: [pick, { ...pick, name: 'Gremio', outcome: 'away', odd: 3.1 }], disclaimer: 'x' } };
    expect(writeAnswer(turn('BETTING_RECOMMENDATION', 'two tips', [two], { pick_count: 2 }))).toMatch(/^2\. /m);
  });
  describe('the selection a follow-up pointed at', () => {
    it("is the side the pointer says, not the first of the match's two teams", () => {
      // "and Grêmio's price?" after this match: the NLU points at the away side and carries both teams.
      const focus = { fixture_id: '41', home_team: 'Fluminense', away_team: 'Gremio', market: 'result' as const, outcome: 'away' };
      const answer = writeAnswer(
        turn('ODDS_INFORMATION_QUERY', "and Grêmio's price?", [oddsOutcome()], {
          entities: { teams: ['Fluminense', 'Gremio'] },
          follow_up: true,
          focus,
        }),
      );
      expect(answer).toContain('Gremio');
      expect(answer).toContain('3.75');
      expect(answer).not.toContain('2.05');
    });
  });
});
