import { randomUUID } from 'node:crypto';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { BetProposal, BetProposalSelection, Language, MarketKey } from '../../common/protocol';
import { MARKET_KEYS } from '../../common/protocol';
import type { Fixture, Market, Odds, OddsSelection } from '../../sports-api/domain';
import { parlayPayout } from '../../sports-api/payout';
import { sameTeam, type ToolNameResolver } from './name-resolver';
import type { SportsData } from './sports-data.port';
import { bettingTool } from './direct-tool';
import { abortable, ToolFailure } from './tool-failure';
import {
  type BalanceResult,
  type FixturesResult,
  fixtureView,
  marketMargin,
  marketView,
  type OddsResult,
  type PayoutResult,
  pickMarkets,
  type RecommendationPick,
  type RecommendationsResult,
  round1,
} from './tool-views';

/** Who the tools act for. Comes from the turn, never from model arguments. */
export interface ToolTurn {
  userId: string;
  language: Language;
}

export const PROPOSAL_TTL_MS = 5 * 60 * 1000;
const DEFAULT_LIST_LIMIT = 10;
const RECOMMENDATION_FIXTURES = 8;
export const RESPONSIBLE_GAMBLING_NOTE =
  "Odds are the bookmaker's view, not a certainty. Bet only what you can afford to lose.";

export const TOOL_NAMES = [
  'get_sports',
  'get_tournaments',
  'get_fixtures',
  'find_match',
  'get_odds',
  'calculate_payout',
  'get_user_balance',
  'propose_bet',
  'get_recommendations',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('ISO date YYYY-MM-DD');
const market = z
  .enum(MARKET_KEYS as [MarketKey, ...MarketKey[]])
  .describe(
    'result = 1X2 (home/draw/away); over_under = total goals over/under the line; both_teams_to_score = yes/no; double_chance = home_or_draw/away_or_draw/home_or_away; handicap = goal handicap; half_time_result = 1X2 at half time.',
  );
const stake = z
  .number()
  .positive()
  .max(1_000_000)
  .describe("Amount in the account's currency, exactly as the user said it. Never invent one: ask.");
const teamName = (role: string) => z.string().describe(`${role} team name, as the user wrote it (any language)`);
const fixtureId = z.string().describe('fixture_id from get_fixtures, find_match or get_odds');

type Signal = AbortSignal | undefined;

/** Stake × odds (a parlay multiplies its odds), exact to the cent: the sportsbook's own maths. */
export function payout(stakeAmount: number, odds: number[]): PayoutResult {
  const p = parlayPayout(stakeAmount, odds);
  return {
    stake: p.stake,
    odds,
    combined_odd: p.odd,
    potential_return: p.returns,
    profit: p.profit,
    kind: odds.length > 1 ? 'parlay' : 'single',
  };
}

/**
 * Builds the nine tools for one turn. Each reads through the SportsData port, returns compact
 * JSON and throws on failure (the ToolRunner turns failures into results the model explains).
 * None of them places a bet.
 */
export class BettingTools {
  constructor(
    private readonly data: SportsData,
    private readonly names: ToolNameResolver,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private built?: StructuredToolInterface[];

  /**
   * The nine tools, built once (schemas are costly to build and to bind to a model). Who a call
   * acts for travels in the run config (`configurable.turn`), which only the agent sets: a model
   * cannot name another user.
   */
  all(): StructuredToolInterface[] {
    this.built ??= this.build();
    return this.built;
  }

  private build(): StructuredToolInterface[] {
    return [
      bettingTool(async (_input, config) => this.sports(turnOf(config), config.signal), {
        name: 'get_sports',
        description: 'List the sports the sportsbook offers (id and name).',
        schema: z.object({}),
      }),
      bettingTool(async (input, config) => this.tournaments(input, turnOf(config), config.signal), {
        name: 'get_tournaments',
        description:
          'List tournaments/leagues with ids. Optionally only one sport (sport_id from get_sports).',
        schema: z.object({ sport_id: z.string().optional().describe('id from get_sports') }),
      }),
      bettingTool(async (input, config) => this.fixtures(input, turnOf(config), config.signal), {
        name: 'get_fixtures',
        description:
          'Upcoming and live matches with start times (UTC). Filter by tournament name, team name and/or a date range (YYYY-MM-DD, inclusive).',
        schema: z.object({
          tournament: z.string().optional().describe('Tournament or league name'),
          team: teamName('A').optional(),
          date_from: isoDate.optional(),
          date_to: isoDate.optional(),
          live_only: z.boolean().optional().describe('Only matches being played now'),
          limit: z.number().int().min(1).max(50).optional().describe('At most this many fixtures (default 10)'),
        }),
      }),
      bettingTool(async (input, config) => this.findMatch(input, turnOf(config), config.signal), {
        name: 'find_match',
        description:
          'Find the next (or live) match of a team, or between two teams. Returns the fixture with its ids.',
        schema: z.object({ team_a: teamName('One').min(1), team_b: teamName('The other').optional() }),
      }),
      bettingTool(async (input, config) => this.odds(input, turnOf(config), config.signal), {
        name: 'get_odds',
        description:
          'Current decimal odds of a match (by fixture_id or team names): the 1X2 result market plus the asked market, with implied probabilities and margin; with a stake, what it returns.',
        schema: z.object({
          fixture_id: fixtureId.optional(),
          team_a: teamName('One').optional(),
          team_b: teamName('The other').optional(),
          market: market.optional(),
          stake: stake.optional().describe('Only when the user named a stake: adds what it returns'),
        }),
      }),
      bettingTool(async (input) => Promise.resolve(payout(input.stake, input.odds)), {
        name: 'calculate_payout',
        description:
          'What a stake returns at the given decimal odds. One odd = single bet; several = parlay (odds multiplied). Returns combined_odd, potential_return and profit.',
        schema: z.object({
          stake,
          odds: z.array(z.number().gt(1).max(1000)).min(1).max(12).describe('Decimal odds taken from get_odds, one per selection'),
        }),
      }),
      bettingTool(async (_input, config) => this.balance(turnOf(config), config.signal), {
        name: 'get_user_balance',
        description: "The current user's balance (always the user of this conversation).",
        schema: z.object({}),
      }),
      bettingTool(async (input, config) => this.proposeBet(input, turnOf(config), config.signal), {
        name: 'propose_bet',
        description:
          'Prepare a bet proposal with live odds for the user to confirm. It does NOT place the bet: only the user can, by pressing Confirm. Several selections make a parlay. outcome: home | draw | away | a team name | over | under | yes | no | home_or_draw | away_or_draw | home_or_away.',
        schema: z.object({
          stake,
          selections: z
            .array(
              z.object({
                fixture_id: fixtureId.optional(),
                team_a: teamName('One').optional(),
                team_b: teamName('The other').optional(),
                market: market.optional(),
                outcome: z
                  .string()
                  .min(1)
                  .describe('home | draw | away | a team name | over | under | yes | no | home_or_draw | away_or_draw | home_or_away'),
              }),
            )
            .min(1)
            .max(12),
        }),
      }),
      bettingTool(async (input, config) => this.recommendations(input, turnOf(config), config.signal), {
        name: 'get_recommendations',
        description:
          'Picks derived from the odds (the strongest favourite, the lowest-margin market, a double-chance cover for close games), each with implied probability, margin and reasoning. Filter by tournament, team or dates.',
        schema: z.object({
          tournament: z.string().optional().describe('Tournament or league name'),
          team: teamName('A').optional(),
          date_from: isoDate.optional(),
          date_to: isoDate.optional(),
          limit: z.number().int().min(1).max(10).optional().describe('How many picks (default 3)'),
        }),
      }),
    ];
  }

  private async sports(turn: ToolTurn, signal: Signal) {
    const { data, stale } = await abortable(this.data.sports(turn.language), signal);
    return { sports: data.map((s) => ({ id: s.id, name: s.name })), ...(stale ? { stale: true } : {}) };
  }

  private async tournaments(input: { sport_id?: string }, turn: ToolTurn, signal: Signal) {
    const { data, stale } = await abortable(this.data.tournaments(turn.language), signal);
    const list = data.filter((t) => !input.sport_id || t.sportId === input.sport_id);
    return {
      tournaments: list.map((t) => ({
        id: t.id,
        name: t.name,
        sport_id: t.sportId,
        ...(t.country ? { country: t.country } : {}),
      })),
      count: list.length,
      ...(stale ? { stale: true } : {}),
    };
  }

  private async fixtures(
    input: {
      tournament?: string;
      team?: string;
      date_from?: string;
      date_to?: string;
      live_only?: boolean;
      limit?: number;
    },
    turn: ToolTurn,
    signal: Signal,
  ): Promise<FixturesResult> {
    const { fixtures, stale } = await this.loadFixtures(input, turn, signal);
    const limit = input.limit ?? DEFAULT_LIST_LIMIT;
    return {
      fixtures: fixtures.slice(0, limit).map(fixtureView),
      count: fixtures.length,
      ...(stale ? { stale: true as const } : {}),
      ...(fixtures.length > limit ? { note: `Showing the first ${limit} of ${fixtures.length}.` } : {}),
    };
  }

  private async findMatch(input: { team_a: string; team_b?: string }, turn: ToolTurn, signal: Signal) {
    const { fixture, stale } = await this.locate(
      { team_a: input.team_a, team_b: input.team_b },
      turn,
      signal,
    );
    return { match: fixtureView(fixture), ...(stale ? { stale: true } : {}) };
  }

  private async odds(
    input: { fixture_id?: string; team_a?: string; team_b?: string; market?: MarketKey; stake?: number },
    turn: ToolTurn,
    signal: Signal,
  ): Promise<OddsResult> {
    const located = await this.locate(input, turn, signal);
    const odds = await this.activeOdds(located.fixture, signal);
    const markets = pickMarkets(odds.data, input.market ? [input.market] : []);
    const exampleStake = input.stake ?? 100;
    const result = markets.find((m) => m.key === 'result') ?? markets[0];
    return {
      fixture: fixtureView(located.fixture),
      markets: markets.map(marketView),
      payout_examples: result.selections.map((s) => {
        const p = payout(exampleStake, [s.odd]);
        return {
          stake: p.stake,
          outcome: s.outcome,
          name: s.name,
          odd: s.odd,
          returns: p.potential_return,
          profit: p.profit,
        };
      }),
      ...(located.stale || odds.stale ? { stale: true as const } : {}),
    };
  }

  private async balance(turn: ToolTurn, signal: Signal): Promise<BalanceResult> {
    const { data, stale } = await abortable(this.data.balance(turn.userId), signal);
    return {
      balance: data.money,
      playable_balance: data.playableBalance,
      withdrawable_balance: data.withdrawableBalance,
      currency: data.currency,
      ...(stale ? { stale: true as const } : {}),
    };
  }

  private async proposeBet(
    input: {
      stake: number;
      selections: Array<{
        fixture_id?: string;
        team_a?: string;
        team_b?: string;
        market?: MarketKey;
        outcome: string;
      }>;
    },
    turn: ToolTurn,
    signal: Signal,
  ) {
    let stale = false;
    const selections: BetProposalSelection[] = await Promise.all(
      input.selections.map(async (wanted) => {
        const located = await this.locate(wanted, turn, signal);
        const odds = await this.activeOdds(located.fixture, signal);
        stale ||= located.stale || odds.stale;
        const key = wanted.market ?? 'result';
        const chosenMarket = odds.data.markets.find((m) => m.key === key);
        if (!chosenMarket)
          throw new ToolFailure('market_not_offered', `The ${key} market is not offered for this match.`);
        const selection = pickSelection(chosenMarket, located.fixture, wanted.outcome);
        return {
          fixture_id: located.fixture.id,
          tournament_id: located.fixture.tournamentId,
          sport_id: located.fixture.sportId,
          home_team: located.fixture.homeTeam,
          away_team: located.fixture.awayTeam,
          start_time: located.fixture.startTime.toISOString(),
          market: key,
          outcome: selection.outcome,
          odd: selection.odd,
          bet_id: selection.betId,
        };
      }),
    );
    if (new Set(selections.map((s) => s.fixture_id)).size !== selections.length) {
      throw new ToolFailure('same_match_twice', 'A parlay can hold only one selection per match.');
    }
    const balance = await abortable(this.data.balance(turn.userId), signal).catch(() => undefined);
    const p = payout(
      input.stake,
      selections.map((s) => s.odd),
    );
    const proposal: BetProposal = {
      proposal_id: randomUUID(),
      expires_at: new Date(this.now().getTime() + PROPOSAL_TTL_MS).toISOString(),
      stake: p.stake,
      currency: balance?.data.currency ?? 'USD',
      selections,
      combined_odd: p.combined_odd,
      potential_win: p.potential_return,
    };
    return {
      proposal,
      placed: false,
      note: 'Not placed. The user must press Confirm before it expires (5 minutes).',
      ...(balance ? { balance: balance.data.money } : {}),
      ...(balance && balance.data.money < p.stake
        ? { warning: 'The stake is higher than the balance.' }
        : {}),
      ...(stale ? { stale: true } : {}),
    };
  }

  private async recommendations(
    input: { tournament?: string; team?: string; date_from?: string; date_to?: string; limit?: number },
    turn: ToolTurn,
    signal: Signal,
  ): Promise<RecommendationsResult> {
    const loaded = await this.loadFixtures(input, turn, signal);
    const fixtures = loaded.fixtures.slice(0, RECOMMENDATION_FIXTURES);
    if (fixtures.length === 0) throw new ToolFailure('no_matches', 'No upcoming matches for that filter.');
    const priced = await Promise.all(
      fixtures.map(async (fixture) => {
        const odds = await abortable(this.data.odds(fixture), signal).catch(() => undefined);
        return odds && odds.data.active ? { fixture, odds } : undefined;
      }),
    );
    const available = priced.filter(
      (p): p is { fixture: Fixture; odds: { data: Odds; stale: boolean } } => !!p,
    );
    if (available.length === 0)
      throw new ToolFailure('odds_unavailable', 'Odds are not available right now.');
    const picks = rankPicks(available.map((p) => ({ fixture: p.fixture, odds: p.odds.data }))).slice(
      0,
      input.limit ?? 3,
    );
    return {
      picks,
      disclaimer: RESPONSIBLE_GAMBLING_NOTE,
      ...(loaded.stale || available.some((p) => p.odds.stale) ? { stale: true as const } : {}),
    };
  }

  /** Fixtures for a filter, upcoming first, without matches long finished. */
  private async loadFixtures(
    input: { tournament?: string; team?: string; date_from?: string; date_to?: string; live_only?: boolean },
    turn: ToolTurn,
    signal: Signal,
  ): Promise<{ fixtures: Fixture[]; stale: boolean }> {
    let tournamentId: string | undefined;
    let stale = false;
    if (input.tournament) {
      const wanted = await this.names.tournament(input.tournament);
      // Catalogue names are the English ones, whatever language the user writes in.
      const list = await abortable(this.data.tournaments('en'), signal);
      stale ||= list.stale;
      const found =
        list.data.find((t) => t.name.toLowerCase() === wanted.toLowerCase()) ??
        list.data.find((t) => sameTeam(t.name, wanted));
      if (!found) throw new ToolFailure('unknown_tournament', `No tournament called "${input.tournament}".`);
      tournamentId = found.id;
    }
    const team = input.team ? await this.names.team(input.team) : undefined;
    const from = input.date_from ? new Date(`${input.date_from}T00:00:00.000Z`) : undefined;
    // Whole days, `to` exclusive: "2026-11-29" alone means that day.
    const lastDay = input.date_to ?? input.date_from;
    const to = lastDay ? new Date(new Date(`${lastDay}T00:00:00.000Z`).getTime() + 86_400_000) : undefined;
    const query = { tournamentId, teams: team ? [team] : undefined, from, to, language: turn.language };
    const [upcoming, live] = await Promise.all([
      input.live_only ? undefined : abortable(this.data.fixtures(query), signal),
      from && from.getTime() > this.now().getTime()
        ? undefined
        : abortable(this.data.fixtures({ ...query, from: undefined, live: true }), signal),
    ]);
    stale ||= !!upcoming?.stale || !!live?.stale;
    const seen = new Set<string>();
    const fixtures = [...(live?.data ?? []), ...(upcoming?.data ?? [])]
      .filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)))
      .filter((f) => !tournamentId || f.tournamentId === tournamentId)
      .sort(
        (a, b) =>
          Number(b.type === 'live') - Number(a.type === 'live') ||
          a.startTime.getTime() - b.startTime.getTime(),
      );
    return { fixtures, stale };
  }

  /** One fixture from an id or team names: live first, then the next kick-off. */
  private async locate(
    input: { fixture_id?: string; team_a?: string; team_b?: string },
    turn: ToolTurn,
    signal: Signal,
  ): Promise<{ fixture: Fixture; stale: boolean }> {
    if (!input.fixture_id && !input.team_a && !input.team_b) {
      throw new ToolFailure('missing_match', 'Say which match: a fixture_id or team names.');
    }
    if (input.fixture_id) {
      const [upcoming, live] = await Promise.all([
        abortable(this.data.fixtures({ language: turn.language }), signal),
        abortable(this.data.fixtures({ language: turn.language, live: true }), signal),
      ]);
      const fixture = [...live.data, ...upcoming.data].find((f) => f.id === input.fixture_id);
      if (!fixture)
        throw new ToolFailure('match_not_found', `No upcoming match with id ${input.fixture_id}.`);
      return { fixture, stale: upcoming.stale || live.stale };
    }
    const teams = await Promise.all(
      [input.team_a, input.team_b].filter((t): t is string => !!t).map((t) => this.names.team(t)),
    );
    const found = await abortable(this.data.findMatch(teams[0], teams[1], turn.language), signal);
    if (!found.data)
      throw new ToolFailure('match_not_found', `No upcoming match found for ${teams.join(' vs ')}.`);
    return { fixture: found.data, stale: found.stale };
  }

  private async activeOdds(fixture: Fixture, signal: Signal): Promise<{ data: Odds; stale: boolean }> {
    const odds = await abortable(this.data.odds(fixture), signal);
    if (!odds.data.active || odds.data.markets.length === 0) {
      throw new ToolFailure(
        'odds_unavailable',
        `Odds for ${fixture.homeTeam} vs ${fixture.awayTeam} are not available right now.`,
      );
    }
    return odds;
  }
}

/** The turn a tool call acts for, set by the agent's ToolRunner in the run config. */
function turnOf(config: { configurable?: Record<string, unknown> }): ToolTurn {
  const turn = config.configurable?.turn as ToolTurn | undefined;
  if (!turn?.userId) throw new ToolFailure('no_turn', 'Tools run only inside a chat turn.');
  return turn;
}

/** Matches "home", "Barcelona", "draw", "over", "Over 2.5"… against a market's selections. */
function pickSelection(chosen: Market, fixture: Fixture, outcome: string): OddsSelection {
  const wanted = outcome.trim().toLowerCase();
  const byKey = chosen.selections.find((s) => s.outcome.toLowerCase() === wanted);
  if (byKey) return byKey;
  const byName = chosen.selections.find((s) => s.name.toLowerCase() === wanted);
  if (byName) return byName;
  if (chosen.key === 'result') {
    if (sameTeam(fixture.homeTeam, outcome))
      return chosen.selections.find((s) => s.outcome === 'home') ?? chosen.selections[0];
    if (sameTeam(fixture.awayTeam, outcome))
      return chosen.selections.find((s) => s.outcome === 'away') ?? chosen.selections[0];
    if (/^(x|tie|empate|draw)$/i.test(wanted)) {
      const draw = chosen.selections.find((s) => s.outcome === 'draw');
      if (draw) return draw;
    }
  }
  const offered = chosen.selections.map((s) => s.outcome).join(', ');
  throw new ToolFailure(
    'unknown_outcome',
    `"${outcome}" is not an outcome of the ${chosen.key} market. Offered: ${offered}.`,
  );
}

/**
 * Explainable picks from prices alone: the strongest favourite, the fairest-priced market (lowest
 * margin), and a double-chance cover for the favourite of a close game. No pick claims an edge
 * the odds do not show.
 */
export function rankPicks(priced: Array<{ fixture: Fixture; odds: Odds }>): RecommendationPick[] {
  const picks: RecommendationPick[] = [];
  const used = new Set<string>();
  const results = priced
    .map(({ fixture, odds }) => ({ fixture, odds, result: odds.markets.find((m) => m.key === 'result') }))
    .filter(
      (p): p is { fixture: Fixture; odds: Odds; result: Market } =>
        !!p.result && p.result.selections.length > 0,
    );

  const favourites = results
    .map((p) => ({
      ...p,
      fav: [...p.result.selections].filter((s) => s.outcome !== 'draw').sort((a, b) => a.odd - b.odd)[0],
    }))
    .filter((p) => p.fav)
    .sort((a, b) => a.fav.odd - b.fav.odd);
  const strongest = favourites[0];
  if (strongest) {
    const margin = marketMargin(strongest.result);
    picks.push(
      pick(
        strongest.fixture,
        strongest.result,
        strongest.fav,
        margin,
        'favourite',
        `${strongest.fav.name} is the clearest favourite on the board at ${strongest.fav.odd} (implied ${round1(100 / strongest.fav.odd)}%).`,
      ),
    );
    used.add(strongest.fixture.id);
  }

  const lowMargin = priced
    .flatMap(({ fixture, odds }) => odds.markets.map((m) => ({ fixture, m, margin: marketMargin(m) })))
    .filter((x) => !used.has(x.fixture.id) && x.m.selections.length > 1)
    .sort((a, b) => a.margin - b.margin)[0];
  if (lowMargin) {
    const fav = [...lowMargin.m.selections].sort((a, b) => a.odd - b.odd)[0];
    picks.push(
      pick(
        lowMargin.fixture,
        lowMargin.m,
        fav,
        lowMargin.margin,
        'low_margin',
        `The ${lowMargin.m.key} market of this match has the lowest margin found (${lowMargin.margin}%), so its prices are the fairest; ${fav.name} is its most likely outcome at ${fav.odd}.`,
      ),
    );
    used.add(lowMargin.fixture.id);
  }

  for (const p of favourites.slice().reverse()) {
    if (used.has(p.fixture.id)) continue;
    const implied = 100 / p.fav.odd;
    if (implied > 55) continue;
    const dc = p.odds.markets.find((m) => m.key === 'double_chance');
    const cover = dc?.selections.find(
      (s) => s.outcome === (p.fav.outcome === 'home' ? 'home_or_draw' : 'away_or_draw'),
    );
    if (!dc || !cover) continue;
    picks.push({
      ...pick(
        p.fixture,
        dc,
        cover,
        marketMargin(dc),
        'value',
        `A close game: ${p.fav.name} is only a slight favourite at ${p.fav.odd} (implied ${round1(implied)}%). Double chance covers the draw too at ${cover.odd}.`,
      ),
      favourite_odd: p.fav.odd,
    });
    used.add(p.fixture.id);
    break;
  }

  for (const p of favourites) {
    if (used.has(p.fixture.id)) continue;
    picks.push(
      pick(
        p.fixture,
        p.result,
        p.fav,
        marketMargin(p.result),
        'favourite',
        `${p.fav.name} is favoured at ${p.fav.odd} (implied ${round1(100 / p.fav.odd)}%).`,
      ),
    );
    used.add(p.fixture.id);
  }
  return picks;
}

function pick(
  fixture: Fixture,
  m: Market,
  s: OddsSelection,
  margin: number,
  kind: RecommendationPick['kind'],
  reasoning: string,
): RecommendationPick {
  return {
    fixture: fixtureView(fixture),
    market: m.key,
    ...(m.line !== undefined ? { line: m.line } : {}),
    outcome: s.outcome,
    name: s.name,
    odd: s.odd,
    implied_probability_pct: round1(100 / s.odd),
    margin_pct: margin,
    kind,
    reasoning,
    example: { stake: 100, returns: payout(100, [s.odd]).potential_return },
  };
}
