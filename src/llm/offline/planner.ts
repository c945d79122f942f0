import { marketOfOutcome, marketOfPick, type Side, sideOutcome } from '../../common/protocol';
import type { OpenSlipHint, TurnHints } from '../agent/turn-hints';
import type { AnswerFocus } from '../../nlu/nlu.types';
import { sameTeam } from '../../common/text';
import { SLIP_CHANGE_TOOLS } from '../tools/betting-tools';
import type { ToolOutcome, TurnView } from './conversation';

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

const SPORTS_WORDS = /\b(sports?|deportes?|esportes?)\b/i;
/** Two teams written as one fixture ("Barcelona vs Betis", "Flamengo x Palmeiras"). */
const ONE_MATCH =
  /\s(vs\.?|v|versus|contra|against|x|-|(?:to )?beat(?:s|ing)?|ganarle a|gana a|ganar a|le gana a|vencer (?:o|a)|vence (?:o|a)|bater (?:o|a)|ganhar d[oe])\s/i;
const MAX_PARLAY_LEGS = 4;
/**
 * A stake put on a team's match rather than on the team ("25 on the Sevilla game", "meterle 25 al
 * partido del Sevilla", "20 no jogo do Grêmio"): which outcome is not said.
 */
const ON_A_MATCH =
  /\b(?:(?:the|that|this) (?:[\w'.-]+ ){1,3}(?:game|match)|(?:game|match|fixture) (?:of|for)|(?:partido|juego|encuentro) (?:del?|de la)|(?:jogo|partida) (?:do|da|de))\b/i;

/**
 * Decides the offline engine's next tool calls from the NLU hints and what earlier steps
 * returned. An empty plan means "enough data: write the answer". Deterministic on purpose.
 */
export function planNextCalls(turn: TurnView): PlannedCall[] {
  const hints = turn.hints;
  if (!hints) return [];
  const done = turn.outcomes;
  const first = done.length === 0;
  const { teams, tournaments, dates, amounts, markets } = hints.entities;
  const range = dateRange(hints);

  const slipCalls = planSlip(turn, hints);
  if (slipCalls) return slipCalls;
  // "Madrid", alone or against another side: which Madrid comes first, no data is fetched for a guess.
  if (hints.ambiguous?.length) return [];
  // A market no match offers ("corners"): every market the match offers, headed by saying so.
  if (hints.market_not_offered && teams.length > 0)
    return first ? [{ name: 'get_odds', args: { team_a: teams[0], ...(teams[1] ? { team_b: teams[1] } : {}), all_markets: true } }] : [];
  // Not offered: say so with what is (the tournament list), never unrelated fixtures.
  if (hints.unknown && teams.length === 0 && tournaments.length === 0)
    return first ? [{ name: 'get_tournaments', args: {} }] : [];

  const written = oddsInText(turn.userText);
  const stake = amounts.find((a) => !written.includes(a));
  if (
    first &&
    teams.length === 0 &&
    written.length > 0 &&
    stake !== undefined &&
    hints.intent !== 'GREETING'
  ) {
    // "what do I win with 10 at 2.5 and 1.8?": the user gave the prices, only the maths is needed.
    return [{ name: 'calculate_payout', args: { stake, odds: written } }];
  }

  switch (hints.intent) {
    case 'GREETING':
    case 'HELP_REQUEST':
    case 'UNCLEAR':
      return [];
    case 'GENERAL_SPORTS_QUERY':
      if (!first) return [];
      if (SPORTS_WORDS.test(turn.userText)) return [{ name: 'get_sports', args: {} }];
      if (teams.length > 0) return [{ name: 'get_fixtures', args: { team: teams[0], limit: 3 } }];
      return [];
    case 'USER_BALANCE_QUERY':
      return first ? [{ name: 'get_user_balance', args: {} }] : [];
    case 'TOURNAMENT_INFO':
      if (!first) return [];
      return [
        ...(SPORTS_WORDS.test(turn.userText) ? [{ name: 'get_sports', args: {} }] : []),
        { name: 'get_tournaments', args: {} },
        ...(tournaments[0]
          ? [{ name: 'get_fixtures', args: { tournament: tournaments[0], ...range, limit: 8 } }]
          : []),
      ];
    case 'MATCH_SCHEDULE_QUERY':
      if (!first) {
        const [listing] = done;
        const emptyDated =
          done.length === 1 && listing.ok && listing.result.count === 0 && listing.args.date_from;
        if (emptyDated) {
          // Nothing on that day: offer the next matches instead of a dead end.
          const { date_from: _from, date_to: _to, ...rest } = listing.args;
          return [{ name: 'get_fixtures', args: { ...rest, limit: 5 } }];
        }
        if (done.length === 1 && listing.name === 'find_match' && notFound(listing) && teams.length >= 2) {
          // The two teams do not meet soon: each one's next matches instead.
          return teams.slice(0, 2).map((team) => ({ name: 'get_fixtures', args: { team, limit: 3 } }));
        }
        return [];
      }
      if (teams.length >= 2) return [{ name: 'find_match', args: { team_a: teams[0], team_b: teams[1] } }];
      return [
        {
          name: 'get_fixtures',
          args: {
            ...(teams[0] ? { team: teams[0] } : {}),
            ...(tournaments[0] ? { tournament: tournaments[0] } : {}),
            ...(teams[0] || tournaments[0] || dates.length > 0 ? range : todayOnwards(hints)),
            limit: teams[0] ? 5 : 10,
          },
        },
      ];
    case 'BETTING_RECOMMENDATION':
      if (!first) {
        const [asked] = done;
        const emptyWindow =
          done.length === 1 && !asked.ok && asked.result.error === 'no_matches' && asked.args.date_from;
        if (!emptyWindow) return [];
        // Nothing to pick from in that window ("tips for tonight"): pick from the next matches.
        const { date_from: _from, date_to: _to, ...rest } = asked.args;
        return [{ name: 'get_recommendations', args: rest }];
      }
      return [
        {
          name: 'get_recommendations',
          args: {
            ...(hints.pick_style ? { style: hints.pick_style } : {}),
            ...(hints.pick_count ? { limit: hints.pick_count } : {}),
            ...(amounts[0] > 0 ? { stake: amounts[0] } : {}),
            ...(teams[0] ? { team: teams[0] } : {}),
            ...(tournaments[0] ? { tournament: tournaments[0] } : {}),
            ...range,
          },
        },
      ];
    case 'ODDS_INFORMATION_QUERY':
      return planOdds(turn, hints, range);
    case 'TEAM_COMPARISON':
      return planComparison(done, teams);
    case 'BET_SIMULATION':
      return planSimulation(turn, hints, amounts, markets);
  }
}

function planOdds(turn: TurnView, hints: TurnHints, range: Record<string, string>): PlannedCall[] {
  const { teams, tournaments, amounts, markets } = hints.entities;
  // "what would 40 return": a bare number the slip reader took as the stake.
  const stake = amounts[0] ?? (hints.slip?.stakeIssue ? undefined : hints.slip?.stake);
  // "and the under?": the outcome named says the market.
  const market = markets[0] ?? marketOfOutcome(hints.slip?.outcome);
  const extra = {
    ...(market ? { market } : {}),
    ...(hints.asks_markets ? { all_markets: true } : {}),
    ...(stake ? { stake } : {}),
  };
  if (turn.outcomes.length === 0) {
    if (teams.length === 1 && hints.entities.dates.length > 0) {
      // "odds for América on Saturday": that day's match, not merely the next one.
      return [{ name: 'get_fixtures', args: { team: teams[0], ...range, limit: 1 } }];
    }
    if (teams.length > 0)
      return [
        { name: 'get_odds', args: { team_a: teams[0], ...(teams[1] ? { team_b: teams[1] } : {}), ...extra } },
      ];
    return [
      {
        name: 'get_fixtures',
        args: {
          ...(tournaments[0] ? { tournament: tournaments[0] } : {}),
          ...(hints.entities.dates.length ? range : tournaments[0] ? {} : todayOnwards(hints)),
          limit: 3,
        },
      },
    ];
  }
  const [first] = turn.outcomes;
  if (
    turn.outcomes.length === 1 &&
    first.name === 'get_odds' &&
    first.result.error === 'match_not_found' &&
    teams.length >= 2
  ) {
    // The two teams do not meet soon: show each one's next match instead.
    return teams.slice(0, 2).map((team) => ({ name: 'get_odds', args: { team_a: team, ...extra } }));
  }
  const listings = turn.outcomes.filter((o) => o.name === 'get_fixtures' && o.ok);
  const listed = listings[listings.length - 1];
  if (listed && !turn.outcomes.some((o) => o.name === 'get_odds')) {
    const fixtures = (listed.result.fixtures as Array<{ fixture_id: string }>) ?? [];
    if (fixtures.length > 0)
      return fixtures
        .slice(0, 3)
        .map((f) => ({ name: 'get_odds', args: { fixture_id: f.fixture_id, ...extra } }));
    if (listings.length === 1 && listed.args.date_from) {
      // Nothing on the asked day: price the next match(es) instead of a dead end.
      if (typeof listed.args.team === 'string')
        return [{ name: 'get_odds', args: { team_a: listed.args.team, ...extra } }];
      const { date_from: _from, date_to: _to, ...rest } = listed.args;
      return [{ name: 'get_fixtures', args: { ...rest, limit: 3 } }];
    }
  }
  return [];
}

function planComparison(done: ToolOutcome[], teams: string[]): PlannedCall[] {
  if (teams.length === 0) return [];
  if (done.length === 0) {
    return [
      {
        name: 'get_odds',
        args: teams.length >= 2 ? { team_a: teams[0], team_b: teams[1] } : { team_a: teams[0] },
      },
    ];
  }
  const headToHead = done[0];
  if (done.length === 1 && !headToHead.ok && teams.length >= 2) {
    // They do not meet soon: compare each side's next match instead.
    return teams.slice(0, 2).map((team) => ({ name: 'get_odds', args: { team_a: team } }));
  }
  return [];
}

/**
 * A stake is never invented: without one (or with one that cannot be a stake) the price is shown
 * and the answer asks for it; a stake of everything the user has asks for a real amount.
 */
function planSimulation(
  turn: TurnView,
  hints: TurnHints,
  amounts: number[],
  markets: string[],
): PlannedCall[] {
  const stake = hints.slip?.stakeIssue ? undefined : amounts[0];
  const teams = hints.entities.teams.slice(0, MAX_PARLAY_LEGS);
  const done = turn.outcomes;
  if (hints.focus) return planOnFocus(hints.focus, done, stake);
  if (teams.length === 0) {
    const odds = oddsInText(turn.userText);
    if (done.length === 0 && odds.length > 0 && stake !== undefined)
      return [{ name: 'calculate_payout', args: { stake, odds } }];
    return [];
  }
  if (done.length === 0) {
    if (hints.slip?.stakeIssue && hints.slip.stakeIssue !== 'everything') return [];
    if (hints.slip?.stakeIssue === 'everything') return [{ name: 'get_user_balance', args: {} }];
    const market = markets[0] && markets[0] !== 'result' ? markets[0] : undefined;
    const priced = stake !== undefined ? { stake } : {};
    if (teams.length === 2 && ONE_MATCH.test(turn.userText)) {
      return [
        {
          name: 'get_odds',
          args: { team_a: teams[0], team_b: teams[1], ...priced, ...(market ? { market } : {}) },
        },
      ];
    }
    return teams.map((team) => ({
      name: 'get_odds',
      args: { team_a: team, ...priced, ...(market ? { market } : {}) },
    }));
  }
  if (stake === undefined) return [];
  if (done.some((o) => o.name === 'calculate_payout' || o.name === 'propose_bet')) return [];
  // The match is named, not the pick: its prices and payouts are shown, and the answer asks which.
  if (pickNotNamed(turn.userText, hints, teams, markets)) return [];
  // "10 on over 3.5" where only 2.5 is priced: the prices and the line offered, no slip on another line.
  if (lineNotOffered(done, hints.slip?.line)) return [];
  const legs = simulationLegs(done, teams, turn.userText, markets[0]);
  if (legs.length === 0) return [];
  return [
    { name: 'calculate_payout', args: { stake, odds: legs.map((l) => l.odd) } },
    {
      name: 'propose_bet',
      args: {
        stake,
        selections: legs.map((l) => ({ fixture_id: l.fixtureId, market: l.market, outcome: l.outcome })),
      },
    },
  ];
}

/** A goals line was asked and the match prices another one. */
function lineNotOffered(done: ToolOutcome[], asked: number | undefined): boolean {
  if (asked === undefined) return false;
  return done.some((o) => {
    if (o.name !== 'get_odds' || !o.ok) return false;
    const markets = (o.result as { markets?: Array<{ market: string; line?: number }> }).markets ?? [];
    const totals = markets.find((m) => m.market === 'over_under');
    return totals?.line !== undefined && totals.line !== asked;
  });
}

/** A stake on one team's match, with no outcome or market of it named. */
function pickNotNamed(text: string, hints: TurnHints, teams: string[], markets: string[]): boolean {
  return teams.length === 1 && !hints.slip?.outcome && !markets[0] && ON_A_MATCH.test(text);
}

/**
 * A stake on the selection the message points at ("put 20 on it" after a pick): that match's
 * current price for that very selection, then the payout and a slip — never a parlay of its two teams.
 */
function planOnFocus(focus: AnswerFocus, done: ToolOutcome[], stake: number | undefined): PlannedCall[] {
  const market = focus.market === 'result' ? {} : { market: focus.market };
  if (done.length === 0)
    return [{ name: 'get_odds', args: { fixture_id: focus.fixture_id, ...(stake !== undefined ? { stake } : {}), ...market } }];
  if (stake === undefined || done.some((o) => o.name === 'calculate_payout' || o.name === 'propose_bet')) return [];
  const [priced] = done;
  // A match with no outcome named ("10 on the first one"): its prices are shown and the answer asks which.
  if (priced.name !== 'get_odds' || !priced.ok || focus.outcome === undefined) return [];
  const result = priced.result as { markets: Array<{ market: string; line?: number; selections: Array<{ outcome: string; odd: number }> }> };
  // A side's win in a two-way sport (basketball) is its `win` market: it has no 1X2.
  const key = focus.market === 'result' && !result.markets.some((m) => m.market === 'result') ? 'win' : focus.market;
  const offered = result.markets.find((m) => m.market === key && (focus.line === undefined || m.line === focus.line));
  const selection = offered?.selections.find((s) => s.outcome === focus.outcome);
  if (!selection) return [];
  return [
    { name: 'calculate_payout', args: { stake, odds: [selection.odd] } },
    {
      name: 'propose_bet',
      args: {
        stake,
        selections: [{ fixture_id: focus.fixture_id, market: key, outcome: focus.outcome, ...(focus.line !== undefined ? { line: focus.line } : {}) }],
      },
    },
  ];
}

/**
 * What the message does to the conversation's bet slip, when it does: cancel it, offer it again
 * for Confirm ("ok, place it" — chat never places), or change it. Undefined when the turn is
 * not about the slip, so the intent's own plan runs.
 */
function planSlip(turn: TurnView, hints: TurnHints): PlannedCall[] | undefined {
  const reading = hints.slip;
  if (turn.outcomes.length > 0) return turn.outcomes.some((o) => SLIP_CHANGE_TOOLS.has(o.name)) ? [] : undefined;
  if (!reading) return undefined;
  const open = hints.open_slip;
  const { teams, amounts } = hints.entities;
  if (reading.act === 'cancel') return [{ name: 'cancel_bet_slip', args: {} }];
  if (reading.act === 'show') return [{ name: 'show_bet_slip', args: {} }];
  // "ok, place it" names nothing the open slip does not already hold (teams may be carried over).
  const inOpen = (team: string) =>
    !!open?.selections.some((s) => sameTeam(s.home_team, team) || sameTeam(s.away_team, team));
  const stake = reading.stake ?? amounts[0];
  const nothingNew = teams.every(inOpen) && (stake === undefined || stake === open?.stake);
  if (reading.act === 'confirm' && nothingNew) {
    if (open || hints.intent === 'UNCLEAR' || hints.intent === 'BET_SIMULATION') return [{ name: 'show_bet_slip', args: {} }];
    return undefined;
  }
  if (!open) return undefined;
  // "what's the return on that?", "e se eu dobrar, quanto volta?": what the open slip pays, at its
  // stake or at the one imagined, worked out without changing the slip.
  // "dale, ¿y el empate cuánto paga?" asks another pick's payout: its price, not the slip's.
  const anotherPick = reading.outcome !== undefined || hints.entities.markets.some((m) => !open.selections.some((s) => s.market === m));
  if (reading.asksPayout && !anotherPick && (reading.act !== 'change' || reading.hypothetical) && teams.every(inOpen)) {
    const imagined = reading.stakeFactor ? open.stake * reading.stakeFactor : stake;
    if (imagined === undefined || imagined === open.stake) return [{ name: 'show_bet_slip', args: {} }];
    return [{ name: 'calculate_payout', args: { stake: imagined, odds: open.selections.map((s) => s.odd) } }];
  }
  // "manda ver com 50 então", "ok go, but 40": a go-ahead with a new stake changes the slip's stake.
  const confirmsAnotherStake = reading.act === 'confirm' && stake !== undefined && teams.every(inOpen);
  const changes = reading.act === 'change' || confirmsAnotherStake || reading.amountOnly || reading.aimsOnly || reading.addsLeg || reading.removesLeg;
  // "make it 0", "make it everything I have": no change; the answer asks for a real stake.
  if (reading.stakeIssue && changes && teams.every(inOpen))
    return reading.stakeIssue === 'everything' ? [{ name: 'get_user_balance', args: {} }] : [];
  if (!changes) return undefined;
  const args = slipChange(hints, open);
  return args ? [{ name: 'update_bet_slip', args }] : undefined;
}

/** The update_bet_slip arguments a message asks for, read against the open slip. */
function slipChange(hints: TurnHints, open: OpenSlipHint): Record<string, unknown> | undefined {
  const reading = hints.slip!;
  const { markets } = hints.entities;
  // Teams carried over into a stake change ("make it 25" after a bet on A vs B) name no new pick;
  // carried into "put it on their win" they say whose.
  const stakeOnly = (reading.stake !== undefined || reading.stakeFactor !== undefined) && !reading.outcome && markets.length === 0;
  const teams = hints.follow_up && stakeOnly ? [] : hints.entities.teams;
  const leg = open.selections[0];
  const inSlip = (team: string) => open.selections.some((s) => sameTeam(s.home_team, team) || sameTeam(s.away_team, team));
  const newTeam = teams.find((team) => !inSlip(team));
  const args: Record<string, unknown> = {};
  // An unusable stake ("minus 40") changes nothing: the answer asks for a real one.
  const stake = reading.stakeIssue ? undefined : (reading.stake ?? hints.entities.amounts[0]);
  if (reading.stakeFactor) args.stake_factor = reading.stakeFactor;
  else if (stake !== undefined && stake !== open.stake) args.stake = stake;

  // Named or carried over; the slip's own market again with no outcome ("and double it" after the
  // under) leaves its pick alone.
  const market = markets[0] ?? marketOfPick(reading.outcome);
  // The other side of the slip's own match, named ("Palmeiras instead").
  const otherSide = !newTeam && (leg.market === 'result' || leg.market === 'half_time_result')
    ? teams.find((team) => sameTeam(leg.outcome === 'away' ? leg.home_team : leg.away_team, team) || (leg.outcome === 'draw' && inSlip(team)))
    : undefined;
  if (reading.removesLeg) {
    // Removing a team the slip does not hold is no change (never a swap onto that team).
    if (!teams[0] || !inSlip(teams[0])) return undefined;
    args.remove_team = teams[0];
  } else if (otherSide) {
    args.change = { market: leg.market, outcome: sameTeam(leg.home_team, otherSide) ? 'home' : 'away' };
  } else if (newTeam) {
    // Another team: a leg added to the slip, or the slip's selection moved onto that team.
    const wanted = market ?? 'result';
    const selection = {
      market: wanted,
      outcome:
        wanted === 'result' ? (reading.outcome === 'draw' ? 'draw' : newTeam) : sideOutcome(wanted, 'home', reading.outcome),
      ...(reading.line !== undefined ? { line: reading.line } : {}),
    };
    if (reading.addsLeg) args.add = { team_a: newTeam, ...selection };
    else args.change = { team: newTeam, ...selection };
  } else if (reading.outcome || (market && market !== leg.market)) {
    const wanted = market ?? leg.market;
    // "al visitante", "the home side": that side, whichever the slip backs now.
    const side = reading.outcome === 'home' || reading.outcome === 'away' ? reading.outcome : sideOf(leg);
    const outcome =
      reading.outcome === 'opponent' ? opposite(leg.outcome) : sideOutcome(wanted, side, reading.outcome);
    if (wanted !== leg.market || outcome !== leg.outcome || reading.line !== undefined) {
      args.change = {
        market: wanted,
        outcome,
        ...(reading.line !== undefined ? { line: reading.line } : {}),
      };
    }
  }
  return Object.keys(args).length > 0 ? args : undefined;
}

/** The side of the match a selection backs (home unless it backs the away side). */
function sideOf(leg: { outcome: string }): Side {
  return leg.outcome === 'away' || leg.outcome === 'away_or_draw' ? 'away' : 'home';
}

const OPPOSITES: Record<string, string> = {
  home: 'away',
  away: 'home',
  over: 'under',
  under: 'over',
  yes: 'no',
  no: 'yes',
  home_or_draw: 'away_or_draw',
  away_or_draw: 'home_or_draw',
};

function opposite(outcome: string): string {
  return OPPOSITES[outcome] ?? (outcome === 'draw' ? 'home' : outcome);
}

interface Leg {
  fixtureId: string;
  market: string;
  outcome: string;
  odd: number;
}


/**
 * The outcome of `market` the user backs: the asked side of a total or of "both teams to score",
 * the named team's side otherwise ("Ajax -1" → Ajax's handicap, "Inter or draw" → home_or_draw).
 */
function outcomeIn(market: string, side: Side, wantsDraw: boolean, userText: string): string {
  const named =
    market === 'over_under'
      ? /\b(unders?|menos|abaixo)\b/i.test(userText) && 'under'
      : market === 'both_teams_to_score'
        ? /\b(btts no|no btts|not both|ambos no|n[aã]o marcam|nem os dois)\b/i.test(userText) && 'no'
        : wantsDraw && 'draw';
  return sideOutcome(market, side, named || undefined);
}

/**
 * One leg per distinct match: the side of the team the user named (or the draw if they said so),
 * in the market they asked for when the match offers it, else the match result.
 */
export function simulationLegs(
  done: ToolOutcome[],
  teams: string[],
  userText: string,
  asked?: string,
): Leg[] {
  const wantsDraw = /\b(draw|empate|tie)\b/i.test(userText);
  const legs: Leg[] = [];
  done.forEach((outcome, i) => {
    if (outcome.name !== 'get_odds' || !outcome.ok) return;
    const result = outcome.result as {
      fixture: { fixture_id: string; home_team: string; away_team: string };
      markets: Array<{ market: string; selections: Array<{ outcome: string; odd: number }> }>;
    };
    if (legs.some((l) => l.fixtureId === result.fixture.fixture_id)) return;
    const team = teams[i] ?? '';
    const side: Side = sameTeam(result.fixture.away_team, team) ? 'away' : 'home';
    const offered = asked ? result.markets.find((m) => m.market === asked) : undefined;
    const market =
      offered ?? result.markets.find((m) => m.market === 'result') ?? result.markets.find((m) => m.market === 'win');
    const wanted = outcomeIn(market?.market ?? 'result', side, wantsDraw, userText);
    const selection = market?.selections.find((s) => s.outcome === wanted);
    if (market && selection)
      legs.push({
        fixtureId: result.fixture.fixture_id,
        market: market.market,
        outcome: wanted,
        odd: selection.odd,
      });
  });
  return legs;
}

const WRITTEN_ODD = /(?<![$€\d.,])(\d{1,3}[.,]\d{1,3})(?![\d%])/g;
/** What WRITTEN_ODD cannot match without: most messages have no decimal, and skip the scan. */
const DECIMAL = /\d[.,]\d/;

/** Decimal odds written in the message ("at 2.5", "cuota 1.85"), never money amounts. */
export function oddsInText(text: string): number[] {
  const found: number[] = [];
  if (!DECIMAL.test(text)) return found;
  for (const match of text.matchAll(WRITTEN_ODD)) {
    const value = Number(match[1].replace(',', '.'));
    if (value > 1 && value < 1000) found.push(value);
  }
  return found.slice(0, 12);
}

function notFound(outcome: ToolOutcome): boolean {
  return !outcome.ok && outcome.result.error === 'match_not_found';
}

function dateRange(hints: TurnHints): Record<string, string> {
  const dates = [...hints.entities.dates].sort();
  if (dates.length === 0) return {};
  return { date_from: dates[0], date_to: dates[dates.length - 1] };
}

function todayOnwards(hints: TurnHints): Record<string, string> {
  const today = new Date(`${hints.today}T00:00:00.000Z`);
  const end = new Date(today.getTime() + 2 * 86_400_000);
  return { date_from: hints.today, date_to: end.toISOString().slice(0, 10) };
}

