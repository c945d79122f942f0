import type { StructuredToolInterface } from '@langchain/core/tools';
import { FakeSportsData } from '../../../test/support/llm/fake-sports-data';
import { BettingTools, TOOL_NAMES } from './betting-tools';
import { marketMargin, payout } from './tool-views';
import { ToolNameResolver } from './name-resolver';
import { ToolFailure } from './tool-failure';
import { oddsInput } from './tool-schemas';
import type { FixturesResult, OddsResult, RecommendationsResult } from './tool-views';

/** The tools as the ToolRunner calls them: the turn travels in the run config. */
function toolsFor(
  data: FakeSportsData,
  userId = 'user-1',
): Record<string, { invoke: (args: unknown) => Promise<unknown> }> {
  const tools: StructuredToolInterface[] = new BettingTools(
    data,
    new ToolNameResolver(data),
    () => data.now,
  ).all();
  return Object.fromEntries(
    tools.map((t) => [
      t.name,
      {
        invoke: (args: unknown) =>
          t.invoke(args as never, { configurable: { turn: { userId, language: 'en' } } }),
      },
    ]),
  );
}

describe('BettingTools', () => {
  it('refuses to run outside a turn, so no caller can pick the user', async () => {
    const [balance] = new BettingTools(new FakeSportsData(), new ToolNameResolver(new FakeSportsData()))
      .all()
      .filter((t) => t.name === 'get_user_balance');
    await expect(balance.invoke({})).rejects.toMatchObject({ code: 'no_turn' });
  });

  it('refuses to run outside a turn, so no caller can pick the user', async () => {
    const data = new FakeSportsData();
    const balance = new BettingTools(data, new ToolNameResolver(data))
      .all()
      .find((t) => t.name === 'get_user_balance');
    await expect(balance?.invoke({})).rejects.toMatchObject({ code: 'no_turn' });
    expect(data.called('balance')).toBe(0);
  });

  it('offers exactly the protocol tool names', () => {
    expect(Object.keys(toolsFor(new FakeSportsData())).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it('resolves nicknames through the catalogue before looking a match up', async () => {
    const data = new FakeSportsData();
    const odds = (await toolsFor(data).get_odds.invoke({
      team_a: 'barca',
      market: 'over_under',
      stake: 20,
    })) as OddsResult;
    expect(odds.fixture).toMatchObject({
      fixture_id: 'f1',
      home_team: 'Barcelona',
      away_team: 'Real Madrid',
    });
    expect(odds.markets.map((m) => m.market)).toEqual(['result', 'over_under']);
    expect(odds.markets[0].selections[0]).toEqual({
      outcome: 'home',
      name: 'Barcelona',
      odd: 1.85,
      implied_probability_pct: 54.1,
    });
    expect(odds.markets[0].margin_pct).toBe(5.6);
    // The stake is priced on the market asked for, not on the 1X2.
    expect(odds.payout_examples).toEqual([
      { stake: 20, market: 'over_under', line: 2.5, outcome: 'over', name: 'Over 2.5', odd: 1.8, returns: 36, profit: 16 },
      { stake: 20, market: 'over_under', line: 2.5, outcome: 'under', name: 'Under 2.5', odd: 2, returns: 40, profit: 20 },
    ]);
  });

  it('lists fixtures of a tournament for a whole day, live ones included', async () => {
    const data = new FakeSportsData();
    const day = data.now.toISOString().slice(0, 10);
    const result = (await toolsFor(data).get_fixtures.invoke({
      tournament: 'la liga',
      date_from: day,
    })) as FixturesResult;
    expect(result.fixtures.map((f) => f.fixture_id)).toContain('f4');
    expect(result.fixtures.every((f) => f.tournament === 'La Liga')).toBe(true);
  });

  it('fails with a named reason for an unknown match or tournament', async () => {
    const tools = toolsFor(new FakeSportsData());
    await expect(tools.find_match.invoke({ team_a: 'Arsenal', team_b: 'Juventus' })).rejects.toBeInstanceOf(
      ToolFailure,
    );
    await expect(tools.get_fixtures.invoke({ tournament: 'Eredivisie' })).rejects.toMatchObject({
      code: 'unknown_tournament',
    });
  });

  it('takes a stake of millions (the balance refuses it, with a question), but no absurd number', () => {
    expect(oddsInput.safeParse({ team_a: 'Lyon', stake: 5_000_000 }).success).toBe(true);
    expect(oddsInput.safeParse({ team_a: 'Lyon', stake: 1e15 }).success).toBe(false);
    expect(oddsInput.safeParse({ team_a: 'Lyon', stake: -5 }).success).toBe(false);
  });

  it('computes parlays as the product of odds, exact to the cent', () => {
    expect(payout(10, [1.85, 2.1])).toEqual({
      stake: 10,
      odds: [1.85, 2.1],
      combined_odd: 3.885,
      potential_return: 38.85,
      profit: 28.85,
      kind: 'parlay',
    });
    expect(payout(50, [1.45])).toMatchObject({ potential_return: 72.5, profit: 22.5, kind: 'single' });
  });

  it('proposes a bet from live odds, by team name or outcome key, and never places it', async () => {
    const data = new FakeSportsData();
    const result = (await toolsFor(data, 'user-9').propose_bet.invoke({
      stake: 10,
      selections: [
        { team_a: 'Real Madrid', team_b: 'Barcelona', outcome: 'Real Madrid' },
        { team_a: 'Arsenal', outcome: 'draw' },
      ],
    })) as {
      proposal: {
        selections: Array<{ outcome: string; odd: number }>;
        combined_odd: number;
        potential_win: number;
      };
      placed: boolean;
    };
    expect(result.placed).toBe(false);
    expect(result.proposal.selections.map((s) => [s.outcome, s.odd])).toEqual([
      ['away', 4.2],
      ['draw', 3.4],
    ]);
    expect(result.proposal.combined_odd).toBe(14.28);
    expect(result.proposal.potential_win).toBe(142.8);
    expect(data.called('placeBet')).toBe(0);
    expect(data.calls.filter((c) => c.method === 'balance').map((c) => c.args[0])).toEqual(['user-9']);
  });

  it('refuses an outcome the market does not offer', async () => {
    const tools = toolsFor(new FakeSportsData());
    await expect(
      tools.propose_bet.invoke({ stake: 5, selections: [{ team_a: 'Arsenal', outcome: 'Liverpool' }] }),
    ).rejects.toMatchObject({ code: 'unknown_outcome' });
  });

  it('explains recommendations from the prices: favourite, fairest market, double-chance cover', async () => {
    const result = (await toolsFor(new FakeSportsData()).get_recommendations.invoke(
      {},
    )) as RecommendationsResult;
    expect(result.picks.map((p) => p.kind)).toEqual(['favourite', 'low_margin', 'value']);
    expect(result.picks[0]).toMatchObject({
      name: 'Real Madrid',
      odd: 1.4,
      implied_probability_pct: 71.4,
    });
    // No stake named: no example stake for the model to repeat.
    expect(result.picks.every((p) => p.example === undefined)).toBe(true);
    const value = result.picks[2];
    expect(value.market).toBe('double_chance');
    expect(value.favourite_odd).toBeGreaterThan(value.odd);
    expect(result.disclaimer).toMatch(/afford to lose/);
  });

  it("shows what the user's own stake returns on each pick, and picks of the kind asked", async () => {
    const tools = toolsFor(new FakeSportsData());
    const staked = (await tools.get_recommendations.invoke({ stake: 20 })) as RecommendationsResult;
    expect(staked.picks[0].example).toEqual({ stake: 20, returns: 28 });
    const safe = (await tools.get_recommendations.invoke({ style: 'safe' })) as RecommendationsResult;
    expect(safe.picks.every((p) => p.kind === 'safe')).toBe(true);
    const probabilities = safe.picks.map((p) => p.implied_probability_pct);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
  });
});

describe('BettingTools: odds, stakes and team advice', () => {
  it('gives no payout examples when no stake was given', async () => {
    const odds = (await toolsFor(new FakeSportsData()).get_odds.invoke({ team_a: 'Inter' })) as OddsResult;
    expect(odds.fixture.fixture_id).toBe('f5');
    expect(odds.payout_examples).toEqual([]);
    expect(odds.not_offered).toBeUndefined();
  });

  it('prices a stake on the 1X2 when no market was asked', async () => {
    const odds = (await toolsFor(new FakeSportsData()).get_odds.invoke({ team_a: 'Inter', stake: 10 })) as OddsResult;
    expect(odds.payout_examples.map((e) => [e.market, e.outcome, e.returns])).toEqual([
      ['result', 'home', 22.5],
      ['result', 'draw', 31],
      ['result', 'away', 34],
    ]);
  });

  it('gives every market the match offers when all are asked, and only the result otherwise', async () => {
    const tools = toolsFor(new FakeSportsData());
    const all = (await tools.get_odds.invoke({ team_a: 'PSG', all_markets: true })) as OddsResult;
    expect(all.markets.map((m) => m.market)).toEqual(['result', 'double_chance']);
    const plain = (await tools.get_odds.invoke({ team_a: 'PSG' })) as OddsResult;
    expect(plain.markets.map((m) => m.market)).toEqual(['result']);
  });

  it('says which market the match lacks, with the ones it offers', async () => {
    const odds = (await toolsFor(new FakeSportsData()).get_odds.invoke({
      team_a: 'PSG',
      market: 'over_under',
      stake: 15,
    })) as OddsResult;
    expect(odds.fixture.fixture_id).toBe('f3');
    expect(odds.not_offered).toEqual({ market: 'over_under', offered: ['result', 'double_chance'] });
    expect(odds.markets.map((m) => m.market)).toContain('result');
    // The stake falls back on the 1X2, the market that is priced.
    expect(odds.payout_examples.every((e) => e.market === 'result')).toBe(true);
  });

  it("picks only from a team's next match that is not being played", async () => {
    const data = new FakeSportsData();
    const result = (await toolsFor(data).get_recommendations.invoke({ team: 'Real Madrid' })) as RecommendationsResult;
    expect(result.picks.length).toBeGreaterThan(0);
    // Barcelona vs Real Madrid (f1) kicks off before Real Madrid vs Valencia (f7).
    expect(new Set(result.picks.map((p) => p.fixture.fixture_id))).toEqual(new Set(['f1']));
    expect(data.calls.filter((c) => c.method === 'odds').map((c) => c.args[0])).toEqual(['f1']);
  });

  it('offers no pick on a match being played', async () => {
    await expect(
      toolsFor(new FakeSportsData()).get_recommendations.invoke({ team: 'Sevilla' }),
    ).rejects.toMatchObject({ code: 'no_matches' });
  });

  it('measures the double-chance margin against 2', async () => {
    const fair = {
      key: 'double_chance' as const,
      selections: [
        { outcome: 'home_or_draw', name: '1X', odd: 1 / 0.8, betId: 'a' },
        { outcome: 'home_or_away', name: '12', odd: 1 / 0.7, betId: 'b' },
        { outcome: 'away_or_draw', name: 'X2', odd: 1 / 0.5, betId: 'c' },
      ],
    };
    expect(marketMargin(fair)).toBe(0);
    expect(marketMargin({ ...fair, key: 'result' })).toBe(100);
    const odds = (await toolsFor(new FakeSportsData()).get_odds.invoke({
      team_a: 'Barcelona',
      market: 'double_chance',
    })) as OddsResult;
    // 1/1.22 + 1/1.95 + 1/1.30 = 2.102: a 10.2 % margin, not 110 %.
    expect(odds.markets.find((m) => m.market === 'double_chance')?.margin_pct).toBe(10.2);
  });
});
