import { marketOfPick, SIDED_MARKETS, sideOutcome } from '../../common/protocol';
import { sameTeam } from '../../common/text';
import type { AnswerFocus, ListedMatch, NluResult } from '../../nlu/nlu.types';
import type { ToolLedger } from '../tools/tool-runner';
import type { FixturesResult, FixtureView, MarketView, OddsResult, RecommendationsResult } from '../tools/tool-views';

/**
 * The one selection an answer put forward, which the next message can point at ("put 20 on it",
 * "ponme 25 ahí", "aposta 25 nisso"): the first pick of a recommendation, or the one price a
 * question about a single match asked for ("and the draw?", "the handicap for Bayern", "the other
 * side?"). A listing of several prices puts nothing forward: "20 on that" would be a guess.
 */
export function answerFocus(ledger: ToolLedger, nlu: NluResult | undefined, slipOpen: boolean): AnswerFocus | undefined {
  return topPick(ledger) ?? (slipOpen || ledger.proposal ? undefined : pricedSelection(ledger, nlu));
}

/** The first pick of the turn's recommendations. */
function topPick(ledger: ToolLedger): AnswerFocus | undefined {
  const slot = ledger.calls.findIndex((call) => call?.name === 'get_recommendations' && call.status === 'ok');
  const pick = slot >= 0 ? (ledger.results[slot] as RecommendationsResult).picks?.[0] : undefined;
  if (!pick) return undefined;
  const { fixture } = pick;
  return {
    fixture_id: fixture.fixture_id,
    home_team: fixture.home_team,
    away_team: fixture.away_team,
    market: pick.market,
    outcome: pick.outcome,
    ...(pick.line !== undefined ? { line: pick.line } : {}),
    name: pick.name,
  };
}


/**
 * The selection a question about one match asked for: the outcome it named ("the draw", "the
 * under", "their opponents"), or the named team's side of the market it named ("Bayern's
 * handicap"). A total or "both teams to score" asked without a side is the match and market only.
 */
function pricedSelection(ledger: ToolLedger, nlu: NluResult | undefined): AnswerFocus | undefined {
  // Most answers price nothing a message named: no outcome, no market but the result.
  if (!nlu || (nlu.slip?.outcome === undefined && !nlu.entities.markets.some((m) => m !== 'result'))) return undefined;
  const priced = ledger.calls.flatMap((call, slot) =>
    call?.name === 'get_odds' && call.status === 'ok' ? [ledger.results[slot] as OddsResult] : [],
  );
  const fixtures = new Set(priced.map((r) => r.fixture.fixture_id));
  if (fixtures.size !== 1) return undefined;
  const odds = priced[0];
  const { fixture } = odds;
  const [team] = nlu.entities.teams;
  const side = team === undefined ? undefined : sameTeam(fixture.home_team, team) ? 'home' : sameTeam(fixture.away_team, team) ? 'away' : undefined;
  const named = nlu.slip?.outcome === 'opponent' ? (side && (side === 'home' ? 'away' : 'home')) : nlu.slip?.outcome;
  const asked = nlu.entities.markets.find((m) => m !== 'result') ?? marketOfPick(named);
  const match = { fixture_id: fixture.fixture_id, home_team: fixture.home_team, away_team: fixture.away_team };
  const offered = asked === undefined ? undefined : odds.markets.find((m) => m.market === asked);
  if (offered) {
    // "Sevilla or the draw, double chance": the market named holds the team's side, not a bare draw.
    const outcome = named && holds(offered, named) ? named : side && SIDED_MARKETS.has(offered.market) ? sideOutcome(offered.market, side, named) : undefined;
    if (outcome && holds(offered, outcome)) return selected(match, offered, outcome);
    if (!named) return { ...match, market: offered.market, ...lineOf(offered) };
  }
  const holding = named ? odds.markets.find((m) => holds(m, named)) : undefined;
  return holding && named ? selected(match, holding, named) : undefined;
}

function holds(market: MarketView, outcome: string): boolean {
  return market.selections.some((s) => s.outcome === outcome);
}

function selected(match: Omit<AnswerFocus, 'market'>, market: MarketView, outcome: string): AnswerFocus {
  const selection = market.selections.find((s) => s.outcome === outcome);
  return { ...match, market: market.market, outcome, ...lineOf(market), ...(selection ? { name: selection.name } : {}) };
}

function lineOf(market: MarketView): { line?: number } {
  return market.market === 'over_under' && market.line !== undefined ? { line: market.line } : {};
}

/**
 * The one match an answer was about, which a team named next is taken to play in ("e o Spurs?"
 * after Liverpool v Tottenham's kick-off, "40 on the Warriors" after the Lakers game): the match
 * priced, found or put on the slip, or the next match of the team whose fixtures were listed.
 */
export function answerMatch(ledger: ToolLedger): ListedMatch | undefined {
  const legs = ledger.proposal?.selections ?? [];
  if (legs.length === 1) return matchOf(legs[0]);
  const fixtures = new Map<string, FixtureView>();
  let found: FixtureView | undefined;
  let listedNext: FixtureView | undefined;
  ledger.calls.forEach((call, slot) => {
    if (call?.status !== 'ok') return;
    const result = ledger.results[slot];
    if (call.name === 'get_odds') {
      const { fixture } = result as OddsResult;
      fixtures.set(fixture.fixture_id, fixture);
    } else if (call.name === 'find_match') found ??= (result as { match?: FixtureView }).match;
    else if (call.name === 'get_fixtures' && typeof call.arguments?.team === 'string')
      listedNext ??= (result as FixturesResult).fixtures?.[0];
  });
  if (fixtures.size > 1) return undefined;
  const match = fixtures.values().next().value ?? found ?? listedNext;
  return match ? matchOf(match) : undefined;
}

function matchOf(f: { fixture_id: string; home_team: string; away_team: string }): ListedMatch {
  return { fixture_id: f.fixture_id, home_team: f.home_team, away_team: f.away_team };
}
