import { type BetProposal, emptyEntities, type Entities } from '../../common/protocol';
import type { NluResult } from '../../nlu/nlu.types';
import type { SlipReading } from '../../nlu/slip-reader';
import type { ToolLedger } from '../tools/tool-runner';
import type {
  FixturesResult,
  FixtureView,
  MarketView,
  OddsResult,
  RecommendationsResult,
  SelectionView,
} from '../tools/tool-views';
import { answerFocus, answerMatch } from './answer-focus';

function fixture(fixture_id: string, home_team: string, away_team: string): FixtureView {
  return {
    fixture_id,
    tournament_id: 't-1',
    sport_id: 's-1',
    tournament: 'Test League',
    home_team,
    away_team,
    start_time: '2026-11-28T18:00:00.000Z',
    status: 'upcoming',
  };
}

const PORTO_BENFICA = fixture('fx-7', 'FC Porto', 'Benfica');
const LYON_NICE = fixture('fx-8', 'Olympique Lyonnais', 'OGC Nice');

const pick = (outcome: string, name: string, odd: number): SelectionView => ({
  outcome,
  name,
  odd,
  implied_probability_pct: Math.round(1000 / odd) / 10,
});
const market = (key: MarketView['market'], selections: SelectionView[], line?: number): MarketView => ({
  market: key,
  ...(line !== undefined ? { line } : {}),
  selections,
  margin_pct: 5,
});

/** Every market a football match is priced in, as get_odds returns them. */
const FULL_CARD: MarketView[] = [
  market('result', [pick('home', 'FC Porto', 2.05), pick('draw', 'Draw', 3.3), pick('away', 'Benfica', 3.6)]),
  market('over_under', [pick('over', 'Over 2.5', 1.88), pick('under', 'Under 2.5', 1.94)], 2.5),
  market('both_teams_to_score', [pick('yes', 'Yes', 1.8), pick('no', 'No', 1.98)]),
  market('double_chance', [
    pick('home_or_draw', 'FC Porto or Draw', 1.3),
    pick('away_or_draw', 'Benfica or Draw', 1.72),
    pick('home_or_away', 'FC Porto or Benfica', 1.33),
  ]),
  market('handicap', [pick('home', 'FC Porto -1', 3.1), pick('away', 'Benfica +1', 1.36)], -1),
];

const odds = (match: FixtureView, markets: MarketView[] = FULL_CARD): OddsResult => ({
  fixture: match,
  markets,
  payout_examples: [],
});

type Call = { name: string; args?: Record<string, unknown>; result: unknown; ok?: boolean };

/** A turn's ledger: the calls in order, each with its result as the tool returned it. */
function ledger(calls: Call[], proposal?: BetProposal): ToolLedger {
  return {
    calls: calls.map((c) => ({
      name: c.name,
      arguments: c.args ?? {},
      status: c.ok === false ? 'error' : 'ok',
      duration_ms: 3,
    })),
    outputs: calls.map((c) => JSON.stringify(c.result)),
    results: calls.map((c) => c.result),
    degraded: false,
    ...(proposal ? { proposal } : {}),
  };
}

const priced = (match: FixtureView, markets?: MarketView[]): Call => ({
  name: 'get_odds',
  args: { team_a: match.home_team },
  result: odds(match, markets),
});

/** What the NLU read of the question the answer replied to. */
function asked(entities: Partial<Entities>, slip?: SlipReading): NluResult {
  return {
    language: 'en',
    intent: 'ODDS_INFORMATION_QUERY',
    confidence: 0.9,
    entities: { ...emptyEntities(), ...entities },
    inherited: false,
    ...(slip ? { slip } : {}),
  };
}

const PORTO_BENFICA_MATCH = { fixture_id: 'fx-7', home_team: 'FC Porto', away_team: 'Benfica' };

function proposalOn(...matches: FixtureView[]): BetProposal {
  return {
    proposal_id: 'p-1',
    expires_at: '2026-11-28T17:00:00.000Z',
    stake: 20,
    currency: 'EUR',
    selections: matches.map((m) => ({
      fixture_id: m.fixture_id,
      tournament_id: m.tournament_id,
      sport_id: m.sport_id,
      home_team: m.home_team,
      away_team: m.away_team,
      start_time: m.start_time,
      market: 'result',
      outcome: 'home',
      odd: 2,
      bet_id: `b-${m.fixture_id}`,
    })),
    combined_odd: 2,
    potential_win: 40,
  };
}

describe('answerFocus', () => {
  it('puts the top recommendation forward, over any price the turn also showed', () => {
    const recommendations: RecommendationsResult = {
      picks: [
        {
          fixture: LYON_NICE,
          market: 'over_under',
          line: 2.5,
          outcome: 'under',
          name: 'Under 2.5',
          odd: 1.9,
          implied_probability_pct: 52.6,
          margin_pct: 5,
          kind: 'value',
          reasoning: 'tight games lately',
        },
      ],
      disclaimer: 'Bet responsibly.',
    };
    const turn = ledger([priced(PORTO_BENFICA), { name: 'get_recommendations', result: recommendations }]);
    const expected = {
      fixture_id: 'fx-8',
      home_team: 'Olympique Lyonnais',
      away_team: 'OGC Nice',
      market: 'over_under',
      outcome: 'under',
      line: 2.5,
      name: 'Under 2.5',
    };
    expect(answerFocus(turn, asked({}, { outcome: 'draw' }), false)).toEqual(expected);
    // A pick is put forward even with a slip open: a stake said on it next means the pick.
    expect(answerFocus(turn, asked({}), true)).toEqual(expected);
  });

  describe('the one price asked of a single match', () => {
    const turn = ledger([priced(PORTO_BENFICA)]);

    it('is the outcome the question named: the draw, the under', () => {
      expect(answerFocus(turn, asked({}, { outcome: 'draw' }), false)).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'result',
        outcome: 'draw',
        name: 'Draw',
      });
      expect(answerFocus(turn, asked({ markets: ['over_under'] }, { outcome: 'under' }), false)).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'over_under',
        outcome: 'under',
        line: 2.5,
        name: 'Under 2.5',
      });
    });

    it("reads the opponent against the team named: the other side's win", () => {
      const opponentsOfPorto = asked({ teams: ['FC Porto'] }, { outcome: 'opponent' });
      expect(answerFocus(turn, opponentsOfPorto, false)).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'result',
        outcome: 'away',
        name: 'Benfica',
      });
      const opponentsOfBenfica = asked({ teams: ['Benfica'] }, { outcome: 'opponent' });
      expect(answerFocus(turn, opponentsOfBenfica, false)).toMatchObject({
        market: 'result',
        outcome: 'home',
      });
    });

    it("is the named team's side of the sided market named", () => {
      expect(answerFocus(turn, asked({ teams: ['Benfica'], markets: ['handicap'] }), false)).toMatchObject({
        ...PORTO_BENFICA_MATCH,
        market: 'handicap',
        outcome: 'away',
        name: 'Benfica +1',
      });
    });

    it('reads a team with a draw named, in double chance, as that team or the draw', () => {
      const benficaOrDraw = asked({ teams: ['Benfica'], markets: ['double_chance'] }, { outcome: 'draw' });
      expect(answerFocus(turn, benficaOrDraw, false)).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'double_chance',
        outcome: 'away_or_draw',
        name: 'Benfica or Draw',
      });
    });

    it('is the match, the market and its line only when a total is asked without a side', () => {
      expect(answerFocus(turn, asked({ teams: ['FC Porto'], markets: ['over_under'] }), false)).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'over_under',
        line: 2.5,
      });
      expect(
        answerFocus(turn, asked({ teams: ['FC Porto'], markets: ['both_teams_to_score'] }), false),
      ).toEqual({
        ...PORTO_BENFICA_MATCH,
        market: 'both_teams_to_score',
      });
    });
  });

  it('puts nothing forward when two different matches were priced', () => {
    const turn = ledger([priced(PORTO_BENFICA), priced(LYON_NICE)]);
    expect(answerFocus(turn, asked({}, { outcome: 'draw' }), false)).toBeUndefined();
  });

  it('puts no price forward with a slip open, or when the turn proposed a slip', () => {
    const draw = asked({}, { outcome: 'draw' });
    expect(answerFocus(ledger([priced(PORTO_BENFICA)]), draw, false)).toBeDefined();
    expect(answerFocus(ledger([priced(PORTO_BENFICA)]), draw, true)).toBeUndefined();
    expect(
      answerFocus(ledger([priced(PORTO_BENFICA)], proposalOn(PORTO_BENFICA)), draw, false),
    ).toBeUndefined();
  });
});

describe('answerMatch', () => {
  it('is the match of a one-leg slip the turn proposed, whatever else it priced', () => {
    const turn = ledger([priced(LYON_NICE)], proposalOn(PORTO_BENFICA));
    expect(answerMatch(turn)).toEqual(PORTO_BENFICA_MATCH);
  });

  it('is the one match priced', () => {
    expect(answerMatch(ledger([priced(PORTO_BENFICA)]))).toEqual(PORTO_BENFICA_MATCH);
    // Its prices asked twice (two markets) are still one match.
    expect(answerMatch(ledger([priced(PORTO_BENFICA), priced(PORTO_BENFICA)]))).toEqual(PORTO_BENFICA_MATCH);
  });

  it('is the match find_match found', () => {
    const found: Call = { name: 'find_match', args: { team_a: 'Benfica' }, result: { match: PORTO_BENFICA } };
    expect(answerMatch(ledger([found]))).toEqual(PORTO_BENFICA_MATCH);
  });

  it("is a team's next match when its fixtures were listed, and nothing for a listing of a competition", () => {
    const listing: FixturesResult = {
      fixtures: [PORTO_BENFICA, fixture('fx-9', 'Benfica', 'Sporting CP')],
      count: 2,
    };
    const teamListing: Call = { name: 'get_fixtures', args: { team: 'Benfica', limit: 5 }, result: listing };
    expect(answerMatch(ledger([teamListing]))).toEqual(PORTO_BENFICA_MATCH);
    const leagueListing: Call = {
      name: 'get_fixtures',
      args: { tournament: 'Primeira Liga' },
      result: listing,
    };
    expect(answerMatch(ledger([leagueListing]))).toBeUndefined();
  });

  it('is none when two matches were priced', () => {
    expect(answerMatch(ledger([priced(PORTO_BENFICA), priced(LYON_NICE)]))).toBeUndefined();
  });

  it('leaves a failed call out', () => {
    const failed: Call = {
      name: 'get_odds',
      args: { team_a: 'Nice' },
      result: { error: 'match_not_found' },
      ok: false,
    };
    expect(answerMatch(ledger([failed, priced(PORTO_BENFICA)]))).toEqual(PORTO_BENFICA_MATCH);
  });
});
