import { randomUUID } from 'node:crypto';
import { type BetProposal, type BetProposalSelection, sideOutcome } from '../../common/protocol';
import type { Fixture, Market, Odds, OddsSelection } from '../../sports-api/domain';
import { sameTeam } from '../../common/text';
import type { ToolNameResolver } from './name-resolver';
import { rankPicks, rankPicksForMatch, RESPONSIBLE_GAMBLING_NOTE } from './recommendations';
import type { SportsData } from './sports-data.port';
import { abortable, ToolFailure } from './tool-failure';
import type {
  FindMatchInput,
  FixturesInput,
  MatchRef,
  OddsInput,
  ProposeBetInput,
  RecommendationsInput,
  SelectionInput,
  TournamentsInput,
  UpdateSlipInput,
} from './tool-schemas';
import { accountOf, type ToolTurn } from './tool-turn';
import {
  type BalanceResult,
  type FixturesResult,
  fixtureView,
  marketView,
  type OddsResult,
  payout,
  pickMarkets,
  type ProposalResult,
  type RecommendationsResult,
  round2,
} from './tool-views';

export const PROPOSAL_TTL_MS = 5 * 60 * 1000;
const DEFAULT_LIST_LIMIT = 10;
/** A fixture that kicked off this long ago is over, whatever the listing still says. */
const FINISHED_AFTER_MS = 3 * 60 * 60 * 1000;
const RECOMMENDATION_FIXTURES = 8;

type Signal = AbortSignal | undefined;

/**
 * What the tools do, behind their declarations: reads through the SportsData port, returns
 * compact JSON views and throws a ToolFailure the model can explain. None of it places a bet.
 */
export class BettingQueries {
  constructor(
    private readonly data: SportsData,
    private readonly names: ToolNameResolver,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sports(turn: ToolTurn, signal: Signal) {
    const { data, stale } = await abortable(this.data.sports(turn.language), signal);
    return { sports: data.map((s) => ({ id: s.id, name: s.name })), ...(stale ? { stale: true } : {}) };
  }

  async tournaments(input: TournamentsInput, turn: ToolTurn, signal: Signal) {
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

  async fixtures(
    input: FixturesInput,
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

  async findMatch(input: FindMatchInput, turn: ToolTurn, signal: Signal) {
    const { fixture, stale } = await this.locate(
      { team_a: input.team_a, team_b: input.team_b },
      turn,
      signal,
    );
    return { match: fixtureView(fixture), ...(stale ? { stale: true } : {}) };
  }

  async odds(
    input: OddsInput,
    turn: ToolTurn,
    signal: Signal,
  ): Promise<OddsResult> {
    const located = await this.locate(input, turn, signal);
    const odds = await this.activeOdds(located.fixture, signal);
    // The winner asked of a two-way sport ("moneyline", "who wins") is its `win` market, not a 1X2 it lacks.
    const twoWay = !odds.data.markets.some((m) => m.key === 'result') && odds.data.markets.some((m) => m.key === 'win');
    const wanted = input.market === 'result' && twoWay ? 'win' : input.market;
    const markets = input.all_markets ? odds.data.markets : pickMarkets(odds.data, wanted ? [wanted] : []);
    const result = markets.find((m) => m.key === 'result') ?? markets[0];
    const asked = wanted ? markets.find((m) => m.key === wanted) : undefined;
    // Payouts only for a stake the user gave, on the market they asked about.
    const priced = asked ?? result;
    const stakeGiven = input.stake;
    return {
      fixture: fixtureView(located.fixture),
      markets: markets.map(marketView),
      payout_examples:
        stakeGiven === undefined
          ? []
          : priced.selections.map((s) => {
              const p = payout(stakeGiven, [s.odd]);
              return {
                stake: p.stake,
                market: priced.key,
                ...(priced.line !== undefined ? { line: priced.line } : {}),
                outcome: s.outcome,
                name: s.name,
                odd: s.odd,
                returns: p.potential_return,
                profit: p.profit,
              };
            }),
      ...(wanted && !asked
        ? { not_offered: { market: wanted, offered: odds.data.markets.map((m) => m.key) } }
        : {}),
      ...(located.stale || odds.stale ? { stale: true as const } : {}),
    };
  }

  async balance(turn: ToolTurn, signal: Signal): Promise<BalanceResult> {
    const { data, stale } = await abortable(this.data.balance(accountOf(turn)), signal);
    return {
      balance: data.money,
      playable_balance: data.playableBalance,
      withdrawable_balance: data.withdrawableBalance,
      currency: data.currency,
      ...(stale ? { stale: true as const } : {}),
    };
  }

  /**
   * A new slip with live prices. It replaces the session's open slip (one open slip per session):
   * the old one is withdrawn once the new one is priced. A stake above the playable balance is
   * refused, so the user is asked for another rather than shown a slip that cannot be placed.
   */
  async proposeBet(input: ProposeBetInput, turn: ToolTurn, signal: Signal): Promise<ProposalResult> {
    let stale = false;
    const notes: string[] = [];
    const selections: BetProposalSelection[] = await Promise.all(
      input.selections.map(async (wanted) => {
        const located = await this.locate(wanted, turn, signal);
        if (located.fixture.startTime.getTime() < this.now().getTime() - FINISHED_AFTER_MS) {
          throw new ToolFailure('match_finished', `${located.fixture.homeTeam} vs ${located.fixture.awayTeam} is over.`);
        }
        const odds = await this.activeOdds(located.fixture, signal);
        stale ||= located.stale || odds.stale;
        // "Moneyline" or no market named: the match's winner market, 1X2 or two-way.
        const offers = (k: string) => odds.data.markets.some((m) => m.key === k);
        const winner = offers('result') ? 'result' : 'win';
        const key = !wanted.market || (wanted.market === 'result' && !offers('result')) ? winner : wanted.market;
        const chosenMarket = odds.data.markets.find((m) => m.key === key);
        if (!chosenMarket) {
          const offered = odds.data.markets.map((m) => m.key).join(', ');
          throw new ToolFailure('market_not_offered', `The ${key} market is not offered for this match. Offered: ${offered}.`);
        }
        if (wanted.line !== undefined && chosenMarket.line !== undefined && wanted.line !== chosenMarket.line) {
          notes.push(`The ${key} line offered is ${chosenMarket.line}, not ${wanted.line}.`);
        }
        const selection = pickSelection(chosenMarket, located.fixture, wanted.outcome);
        return {
          fixture_id: located.fixture.id,
          tournament_id: located.fixture.tournamentId,
          sport_id: located.fixture.sportId,
          home_team: located.fixture.homeTeam,
          away_team: located.fixture.awayTeam,
          start_time: located.fixture.startTime.toISOString(),
          ...(located.fixture.type === 'live' ? { live: true } : {}),
          market: key,
          ...(chosenMarket.line !== undefined ? { line: chosenMarket.line } : {}),
          outcome: selection.outcome,
          odd: selection.odd,
          bet_id: selection.betId,
        };
      }),
    );
    if (new Set(selections.map((s) => s.fixture_id)).size !== selections.length) {
      throw new ToolFailure('same_match_twice', 'A parlay can hold only one selection per match.');
    }
    const balance = await abortable(this.data.balance(accountOf(turn)), signal).catch(() => undefined);
    if (balance && input.stake > balance.data.playableBalance) {
      throw new ToolFailure(
        'stake_above_balance',
        `The stake ${input.stake} is more than the playable balance ${balance.data.playableBalance} ${balance.data.currency}. Ask for a smaller stake.`,
        { balance: balance.data.playableBalance, currency: balance.data.currency },
      );
    }
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
    const replaced = await this.withdrawOpenSlip(turn);
    if (turn.slip) turn.slip.open = proposal;
    return {
      proposal,
      placed: false,
      note: 'Not placed. The user must press Confirm on the slip before it expires (5 minutes); chat text cannot place it.',
      ...(replaced ? { withdrawn_proposal_id: replaced } : {}),
      ...(notes.length ? { line_note: notes.join(' ') } : {}),
      ...(balance ? { balance: balance.data.playableBalance } : {}),
      ...(stale ? { stale: true as const } : {}),
    };
  }

  /**
   * The open slip with the user's changes, as a new proposal at live prices (the old one is
   * withdrawn): a new stake or a factor of the old one, one selection replaced (another outcome,
   * market or team), a leg added or removed.
   */
  async updateSlip(input: UpdateSlipInput, turn: ToolTurn, signal: Signal): Promise<ProposalResult> {
    const open = this.openSlipOf(turn);
    let legs: SelectionInput[] = open.selections.map((s) => ({
      fixture_id: s.fixture_id,
      market: s.market,
      outcome: s.outcome,
      ...(s.line !== undefined ? { line: s.line } : {}),
    }));
    if (input.change) {
      const change = input.change;
      const index = Math.max(
        0,
        change.team ? open.selections.findIndex((s) => sameTeam(s.home_team, change.team!) || sameTeam(s.away_team, change.team!)) : 0,
      );
      const leg = open.selections[index];
      const inLeg = !change.team || sameTeam(leg.home_team, change.team) || sameTeam(leg.away_team, change.team);
      legs[index] = inLeg
        ? {
            fixture_id: leg.fixture_id,
            market: change.market ?? leg.market,
            outcome: change.outcome ?? (change.market && change.market !== leg.market ? sideOutcome(change.market, 'home') : leg.outcome),
            ...(change.line !== undefined ? { line: change.line } : {}),
          }
        : {
            team_a: change.team,
            market: change.market ?? 'result',
            outcome: change.outcome ?? change.team!,
            ...(change.line !== undefined ? { line: change.line } : {}),
          };
    }
    if (input.add) legs.push(input.add);
    if (input.remove_team) {
      const kept = legs.filter((_, i) => {
        const s = open.selections[i];
        return !s || !(sameTeam(s.home_team, input.remove_team!) || sameTeam(s.away_team, input.remove_team!));
      });
      if (kept.length === legs.length) throw new ToolFailure('leg_not_found', `No selection on ${input.remove_team} in the slip.`);
      if (kept.length === 0) throw new ToolFailure('last_leg', 'That is the only selection: cancel the slip instead.');
      legs = kept;
    }
    const stake = input.stake ?? round2(open.stake * (input.stake_factor ?? 1));
    if (!(stake > 0)) throw new ToolFailure('invalid_stake', 'The stake must be more than zero.');
    return this.proposeBet({ stake, selections: legs }, turn, signal);
  }

  /** Withdraws the open slip ("cancel", "forget it"). */
  async cancelSlip(turn: ToolTurn): Promise<{ withdrawn_proposal_id: string; cancelled: BetProposal; placed: false }> {
    const open = this.openSlipOf(turn);
    const withdrawn = await this.withdrawOpenSlip(turn);
    if (!withdrawn) throw new ToolFailure('slip_already_placed', 'That slip is being placed or was placed already.');
    turn.slip!.open = undefined;
    return { withdrawn_proposal_id: withdrawn, cancelled: open, placed: false };
  }

  /** The open slip again, unchanged, for the user to press Confirm ("ok, bet it" in chat). */
  showSlip(turn: ToolTurn): ProposalResult {
    const open = this.openSlipOf(turn);
    return {
      proposal: open,
      placed: false,
      reoffered: true,
      note: 'Not placed: bets are placed only with the Confirm button on the slip, never from chat text.',
    };
  }

  private openSlipOf(turn: ToolTurn): BetProposal {
    const open = turn.slip?.open;
    if (!open) throw new ToolFailure('no_open_slip', 'There is no open bet slip in this conversation.');
    return open;
  }

  /** Withdraws the session's open slip, if any: its id, or undefined when there was none. */
  private async withdrawOpenSlip(turn: ToolTurn): Promise<string | undefined> {
    const open = turn.slip?.open;
    if (!open) return undefined;
    if (!(await turn.slip!.withdraw(open.proposal_id))) {
      throw new ToolFailure('slip_already_placed', 'The open slip is being placed or was placed already.');
    }
    return open.proposal_id;
  }

  async recommendations(
    input: RecommendationsInput,
    turn: ToolTurn,
    signal: Signal,
  ): Promise<RecommendationsResult> {
    const loaded = await this.loadFixtures(input, turn, signal);
    // Picks are pre-match: a match being played is priced live and is never offered as a pick.
    const upcoming = loaded.fixtures.filter((f) => f.type !== 'live');
    // Advice about a team is advice about its next match.
    const fixtures = (input.team ? upcoming.slice(0, 1) : upcoming).slice(0, RECOMMENDATION_FIXTURES);
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
    const ranked = input.team
      ? rankPicksForMatch(available[0].fixture, available[0].odds.data, input.style)
      : rankPicks(
          available.map((p) => ({ fixture: p.fixture, odds: p.odds.data })),
          input.style,
        );
    const stake = input.stake;
    const picks = ranked
      .slice(0, input.limit ?? 3)
      .map((p) => (stake ? { ...p, example: { stake, returns: payout(stake, [p.odd]).potential_return } } : p));
    return {
      picks,
      disclaimer: RESPONSIBLE_GAMBLING_NOTE,
      ...(loaded.stale || available.some((p) => p.odds.stale) ? { stale: true as const } : {}),
    };
  }

  /** Fixtures for a filter, upcoming first, without matches long finished. */
  private async loadFixtures(
    input: Omit<FixturesInput, 'limit'>,
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
    input: MatchRef,
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
