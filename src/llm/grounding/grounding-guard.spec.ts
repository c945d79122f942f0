import type { Language } from '../../common/protocol';
import { type FixtureView, type OddsResult, payout, round1, type SelectionView } from '../tools/tool-views';
import { GroundingGuard, type GroundingReport, type GroundingSources } from './grounding-guard';

const selection = (outcome: string, name: string, odd: number): SelectionView => ({
  outcome,
  name,
  odd,
  implied_probability_pct: round1(100 / odd),
});

const fixture = (home: string, away: string, startTime: string): FixtureView => ({
  fixture_id: `${home}-${away}`,
  tournament_id: '11',
  sport_id: '1',
  tournament: 'Premier League',
  home_team: home,
  away_team: away,
  start_time: startTime,
  status: 'upcoming',
});

/** get_odds for Arsenal–Chelsea (Sunday 29 Nov, 20:00 UTC), asked with a $50 stake. */
const ARSENAL_CHELSEA: OddsResult = {
  fixture: fixture('Arsenal', 'Chelsea', '2026-11-29T20:00:00.000Z'),
  markets: [
    {
      market: 'result',
      selections: [
        selection('home', 'Arsenal', 2.1),
        selection('draw', 'Draw', 3.4),
        selection('away', 'Chelsea', 3.3),
      ],
      margin_pct: 7.3,
    },
    {
      market: 'over_under',
      line: 2.5,
      selections: [selection('over', 'Over 2.5', 1.9), selection('under', 'Under 2.5', 1.9)],
      margin_pct: 5.3,
    },
  ],
  payout_examples: [
    { stake: 50, market: 'result', outcome: 'home', name: 'Arsenal', odd: 2.1, returns: 105, profit: 55 },
    { stake: 50, market: 'result', outcome: 'draw', name: 'Draw', odd: 3.4, returns: 170, profit: 120 },
    { stake: 50, market: 'result', outcome: 'away', name: 'Chelsea', odd: 3.3, returns: 165, profit: 115 },
  ],
};

/** get_odds for Flamengo–Palmeiras, in Portuguese. */
const FLAMENGO_PALMEIRAS: OddsResult = {
  fixture: { ...fixture('Flamengo', 'Palmeiras', '2026-11-29T22:00:00.000Z'), tournament: 'Brasileirão' },
  markets: [
    {
      market: 'result',
      selections: [
        selection('home', 'Flamengo', 1.85),
        selection('draw', 'Empate', 3.5),
        selection('away', 'Palmeiras', 4.4),
      ],
      margin_pct: 6.2,
    },
  ],
  payout_examples: [],
};

const FALLBACK =
  '**Arsenal vs Chelsea** — Premier League, Sun 29 Nov, 20:00 UTC\n• Arsenal: 2.10 (47.6% implied)';

interface Received {
  /** Each delta the user receives, in order. */
  deltas: string[];
  /** What the user reads: the deltas joined. */
  text: string;
  report: GroundingReport;
}

/** Streams the model's deltas through a guard, one model step, as the agent does. */
function stream(modelDeltas: string[], sources: Partial<GroundingSources> = {}): Received {
  const deltas: string[] = [];
  const guard = new GroundingGuard(
    { language: 'en', results: [ARSENAL_CHELSEA], userStakes: [], userMessage: '', ...sources },
    (text) => deltas.push(text),
    () => FALLBACK,
  );
  for (const delta of modelDeltas) guard.push(delta);
  const report = guard.finish();
  return { deltas, text: deltas.join(''), report };
}

describe('GroundingGuard: what the user receives', () => {
  it('swapped home and away odds: each price is put back beside its own team', () => {
    const got = stream([
      'Arsenal vs Chelsea: ',
      'Arsenal are 3.30',
      ' and Chelsea 2.10',
      ', with the draw at 3.40.',
    ]);
    expect(got.deltas).toEqual([
      'Arsenal vs Chelsea: ',
      'Arsenal are ',
      '2.10 and Chelsea 3.30, with the draw at 3.40.',
    ]);
    expect(got.text).toBe('Arsenal vs Chelsea: Arsenal are 2.10 and Chelsea 3.30, with the draw at 3.40.');
    expect(got.report).toEqual({
      grounded: false,
      corrected: [
        { kind: 'price', wrote: '3.30', fact: '2.10' },
        { kind: 'price', wrote: '2.10', fact: '3.30' },
      ],
      fallback: false,
    });
  });

  it('a price quoted for the wrong selection (the draw’s price as Arsenal’s) is corrected', () => {
    const got = stream(['Arsenal to win pays 3.40.']);
    expect(got.text).toBe('Arsenal to win pays 2.10.');
    expect(got.report.corrected).toEqual([{ kind: 'price', wrote: '3.40', fact: '2.10' }]);
  });

  it('a wrong payout becomes stake × price, and its profit follows', () => {
    const payoutResult = payout(50, [2.1]);
    const got = stream(['A $50 stake on Arsenal ', 'at 2.10 returns $115.00', ' (profit $65.00).'], {
      results: [ARSENAL_CHELSEA, payoutResult],
      userStakes: [50],
      userMessage: 'what does $50 on Arsenal pay?',
    });
    expect(got.deltas).toEqual(['A $', '50 stake on Arsenal at 2.10 returns $105.00 (profit $55.00).']);
    expect(got.report).toEqual({
      grounded: false,
      corrected: [
        { kind: 'amount', wrote: '115.00', fact: '105.00' },
        { kind: 'amount', wrote: '65.00', fact: '55.00' },
      ],
      fallback: false,
    });
  });

  it("a wrong kick-off time is given on the user's clock (America/Bogota is UTC−5)", () => {
    const zone = { zone: 'America/Bogota' };
    const unlabelled = stream(['Arsenal host Chelsea ', 'at 20:00, ', 'a big one.'], zone);
    expect(unlabelled.deltas).toEqual(['Arsenal host Chelsea ', 'at ', '15:00, a big one.']);
    expect(unlabelled.report.corrected).toEqual([{ kind: 'time', wrote: '20:00', fact: '15:00' }]);

    const labelled = stream(['Arsenal host Chelsea at 8:00 PM (America/Bogota).'], zone);
    expect(labelled.text).toBe('Arsenal host Chelsea at 3:00 PM (America/Bogota).');

    // The right time, with the zone it is in named, is a fact whatever the user's zone.
    expect(stream(['Arsenal host Chelsea at 20:00 UTC.'], zone).report.grounded).toBe(true);
    expect(stream(['Arsenal host Chelsea at 15:00.'], zone).report.grounded).toBe(true);
  });

  it("a slip's expiry is a time the tools gave too, not a kick-off to correct", () => {
    const slip = {
      proposal_id: 'p1',
      expires_at: '2026-11-29T18:05:00.000Z',
      stake: 50,
      currency: 'USD',
      selections: [
        {
          fixture_id: 'f2',
          tournament_id: '11',
          sport_id: '1',
          home_team: 'Arsenal',
          away_team: 'Chelsea',
          start_time: '2026-11-29T20:00:00.000Z',
          market: 'result' as const,
          outcome: 'home',
          odd: 2.1,
          bet_id: 'b1',
        },
      ],
      combined_odd: 2.1,
      potential_win: 105,
    };
    const got = stream(['Your $50 slip on Arsenal at 2.10 pays $105.00; press Confirm before 18:05 UTC.'], {
      results: [{ proposal: slip, placed: false, note: '' }],
    });
    expect(got.report).toEqual({ grounded: true, corrected: [], fallback: false });
  });

  it('an invented percentage beside a team becomes its implied probability (1/price)', () => {
    const got = stream(['The bookmaker gives Arsenal ', 'a 65% chance.']);
    expect(got.text).toBe('The bookmaker gives Arsenal a 47.6% chance.');
    expect(got.report.corrected).toEqual([{ kind: 'percent', wrote: '65%', fact: '47.6%' }]);
    // A margin is checked against the market's own.
    expect(stream(['The 1X2 margin is 4%.']).text).toBe('The 1X2 margin is 7.3%.');
  });

  it('a percentage no tool result backs and nothing can replace: the rest of the answer is the tool results written out', () => {
    const got = stream([
      'Arsenal are 2.10. ',
      'Expect goals: ',
      'an 80% chance of a busy game, ',
      'trust me.',
    ]);
    expect(got.deltas).toEqual([
      'Arsenal are 2.10. ',
      'Expect goals: ',
      'an ',
      "…\n\nI could not check that figure against the sportsbook's data, so here is what it shows:\n\n" +
        FALLBACK,
    ]);
    expect(got.report).toEqual({
      grounded: false,
      corrected: [{ kind: 'percent', wrote: '80%' }],
      fallback: true,
    });
  });

  it('money in the answer’s locale: "R$ 1.850,00" is 1850 in Portuguese, and a wrong one is rewritten the same way', () => {
    const sources = {
      language: 'pt_br' as Language,
      results: [FLAMENGO_PALMEIRAS, payout(1000, [1.85])],
      userStakes: [1000],
      userMessage: 'quanto ganho com R$ 1.000 no Flamengo?',
    };
    const right = stream(['Com R$ 1.000,00 no Flamengo ', 'a 1,85 você receberia R$ 1.850,00.'], sources);
    expect(right.deltas).toEqual(['Com R$ ', '1.000,00 no Flamengo a 1,85 você receberia R$ 1.850,00.']);
    expect(right.report).toEqual({ grounded: true, corrected: [], fallback: false });

    const wrong = stream(['Com R$ 1.000,00 no Flamengo a 1,85 você receberia R$ 1.580,00.'], sources);
    expect(wrong.text).toBe('Com R$ 1.000,00 no Flamengo a 1,85 você receberia R$ 1.850,00.');
    expect(wrong.report.corrected).toEqual([{ kind: 'amount', wrote: '1.580,00', fact: '1.850,00' }]);
  });

  it('a fully correct answer reaches the user unchanged, sentence by sentence', () => {
    const model = [
      'Arsenal vs Chelsea ',
      'kicks off at 20:00 UTC. ',
      'Arsenal are 2.10, ',
      'the draw 3.40 and Chelsea 3.30 ',
      '(margin 7.3%). ',
      'Over 2.5 goals is 1.90 (52.6% implied). ',
      'A $50 stake on Arsenal returns $105.00, on the draw $170.00. ',
      'Bet only what you can afford to lose.',
    ];
    const got = stream(model, { userStakes: [50], userMessage: '$50 on Arsenal vs Chelsea?' });
    expect(got.text).toBe(model.join(''));
    expect(got.deltas).toEqual([
      'Arsenal vs Chelsea ',
      'kicks off at 20:00 UTC. ',
      'Arsenal are ',
      '2.10, the draw 3.40 and Chelsea 3.30 (margin 7.3%). ',
      'Over 2.5 goals is 1.90 (52.6% implied). ',
      'A $50 stake on Arsenal returns $105.00, on the draw $170.00. ',
      'Bet only what you can afford to lose.',
    ]);
    expect(got.report).toEqual({ grounded: true, corrected: [], fallback: false });
  });
});

describe('GroundingGuard: streaming', () => {
  it('sends prose without digits at once, delta for delta', () => {
    const sent: string[] = [];
    const guard = new GroundingGuard(
      { language: 'en', results: [], userStakes: [], userMessage: '' },
      (t) => sent.push(t),
      () => '',
    );
    guard.push('Hello! ');
    expect(sent).toEqual(['Hello! ']);
    guard.push('I can show fixtures, ');
    expect(sent).toEqual(['Hello! ', 'I can show fixtures, ']);
    expect(guard.finish()).toEqual({ grounded: true, corrected: [], fallback: false });
  });

  it('holds a sentence from its first figure until it ends, and sends each push as at most one delta', () => {
    const sent: string[] = [];
    const guard = new GroundingGuard(
      { language: 'en', results: [ARSENAL_CHELSEA], userStakes: [], userMessage: '' },
      (t) => sent.push(t),
      () => '',
    );
    guard.push('Arsenal are 2.');
    expect(sent).toEqual(['Arsenal are ']);
    // "2." could still be "2.10": the dot ends nothing yet.
    guard.push('10 to win');
    expect(sent).toEqual(['Arsenal are ']);
    guard.push(', Chelsea 3.30. Nice');
    expect(sent).toEqual(['Arsenal are ', '2.10 to win, Chelsea 3.30. Nice']);
  });

  it('ends a held sentence at the end of a model step, and at a line break', () => {
    const sent: string[] = [];
    const guard = new GroundingGuard(
      { language: 'en', results: [ARSENAL_CHELSEA], userStakes: [], userMessage: '' },
      (t) => sent.push(t),
      () => '',
    );
    guard.push('• Arsenal: 3.40\n• Draw: 3.40');
    expect(sent).toEqual(['• Arsenal: 2.10\n• Draw: ']);
    guard.endStep();
    expect(sent.join('')).toBe('• Arsenal: 2.10\n• Draw: 3.40');
  });

  it('leaves counts, dates, lines, statistics, examples and numbers inside words alone', () => {
    const got = stream([
      'Of the 12 matches on Sat 28/11, the 1X2 market is open for U21 sides too; ',
      'over/under 2.5 and Arsenal -0.5 are lines, and a stake can be any amount, like 10 or 25.50. ',
      'Arsenal drew 1.5 million fans last season with an xG of 1.45 per game.',
    ]);
    expect(got.report).toEqual({ grounded: true, corrected: [], fallback: false });
  });

  it('lets through the ways a model writes right figures: possessives, tables, brackets, payouts in prose', () => {
    const model = [
      "Arsenal's implied chance is 47.6%, Chelsea's 30.3%, and the bookmaker's margin is 7.3%.\n",
      '| Arsenal | 2.10 |\n| Draw | 3.40 |\n| Chelsea | 3.30 |\n',
      '**Arsenal** (2.10) vs **Chelsea** (3.30). ',
      "If you put $50 on Arsenal, you'd get back $105 (a $55 profit). ",
      'Chelsea at 3.30 would return $165.00 on a $50 stake.',
    ];
    const got = stream(model, { userStakes: [50], userMessage: '$50 on Arsenal or Chelsea?' });
    expect(got.text).toBe(model.join(''));
    expect(got.report).toEqual({ grounded: true, corrected: [], fallback: false });
  });

  it('with nothing to write the answer from, leaves the unchecked figure out and says so', () => {
    const sent: string[] = [];
    const guard = new GroundingGuard(
      { language: 'es', results: [], userStakes: [], userMessage: '' },
      (t) => sent.push(t),
      () => '',
    );
    guard.push('El Arsenal paga 2,10.');
    expect(sent).toEqual(['El Arsenal paga ']);
    guard.push(' Más texto.');
    expect(sent.join('')).toBe(
      'El Arsenal paga …\n\nNo pude comprobar ese dato con la información de la casa de apuestas, así que lo dejé fuera.',
    );
    expect(guard.finish()).toEqual({
      grounded: false,
      corrected: [{ kind: 'price', wrote: '2,10' }],
      fallback: true,
    });
  });
});
