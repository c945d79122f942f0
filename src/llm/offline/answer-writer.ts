import { type BetProposal, type Language, sideOutcome } from '../../common/protocol';
import type { TurnHints } from '../agent/turn-hints';
import { sameTeam } from '../../common/text';
import type {
  BalanceResult,
  FixturesResult,
  FixtureView,
  MarketView,
  OddsResult,
  PayoutResult,
  RecommendationsResult,
  SelectionView,
  RecommendationPick,
} from '../tools/tool-views';
import { resultsOf, succeeded, type ToolOutcome, type ToolResults, type TurnView } from './conversation';
import { dayLabel, exactOdd, kickoff, money, odd, pct } from './format';
import { facingNotOfferedLead, slipSections } from './slip-writer';
import { BETTING_TALK, GLOSSARY_CUES, type Phrases, PHRASES } from './phrases';
import { suggestedActions } from '../agent/suggested-actions';

interface Ctx {
  lang: Language;
  p: Phrases;
  today?: string;
  hints?: TurnHints;
  currency: string;
  /** IANA zone kick-off times are written in; UTC when absent. */
  zone?: string;
}

/**
 * Writes the offline engine's answer from this turn's tool results, in the user's language.
 * Every price and amount it prints is read from a tool result (or the user's message); the
 * wording around them comes from PHRASES.
 */
export function writeAnswer(turn: TurnView): string {
  const lang = turn.hints?.language ?? 'en';
  const ctx: Ctx = {
    lang,
    p: PHRASES[lang],
    today: turn.hints?.today,
    hints: turn.hints,
    currency: currencyOf(turn.outcomes),
    zone: turn.hints?.timezone,
  };
  const intent = turn.hints?.intent ?? 'UNCLEAR';
  const ok = <N extends keyof ToolResults>(name: N) => resultsOf(turn, name);
  const sections: string[] = [];

  const slip = slipSections(turn, { lang, today: ctx.today, hints: turn.hints, zone: ctx.zone });
  if (slip) {
    const offered = ok('update_bet_slip').length + ok('show_bet_slip').length > 0;
    return [...slip, ...(offered ? [ctx.p.rg] : [])].join('\n\n');
  }
  if (turn.outcomes.length === 0) return fixedText(intent, turn, ctx);
  // "PSV vs Feyenoord": the club not offered is said first, then the offered side is shown.
  const notOffered = facingNotOfferedLead(turn.hints, lang);
  if (notOffered) sections.push(notOffered);

  if (intent === 'TEAM_COMPARISON')
    sections.push(...comparison(ok('get_odds'), ctx));
  else if (intent === 'BET_SIMULATION') sections.push(...simulation(turn, ctx));
  else {
    const [firstCall] = turn.outcomes;
    const headToHeadMissing =
      (firstCall?.name === 'get_odds' || firstCall?.name === 'find_match') &&
      firstCall.result.error === 'match_not_found';
    const teams = ctx.hints?.entities.teams ?? [];
    if (
      headToHeadMissing &&
      (ok('get_odds').length > 0 || ok('get_fixtures').length > 0) &&
      teams.length >= 2
    )
      sections.push(ctx.p.noHeadToHead(teams[0], teams[1]));
    const odds = ok('get_odds');
    // Nothing on the asked day, so the odds below are of the next match: say so first.
    if (intent === 'ODDS_INFORMATION_QUERY' && odds.length > 0)
      for (const outcome of succeeded(turn, 'get_fixtures'))
        if (outcome.result.count === 0) sections.push(fixturesBlock(outcome, ctx));
    for (const r of odds) sections.push(oddsBlock(r, ctx));
  }

  for (const r of ok('get_sports'))
    sections.push(ctx.p.sports(r.sports.map((s) => s.name).join(', ')));
  for (const r of ok('get_tournaments')) {
    const list = r.tournaments;
    sections.push(ctx.p.tournaments(list.length, list.map((t) => t.name).join(', ')));
  }
  for (const outcome of succeeded(turn, 'get_fixtures')) {
    if (intent === 'ODDS_INFORMATION_QUERY' && ok('get_odds').length > 0) continue;
    sections.push(fixturesBlock(outcome, ctx));
  }
  for (const r of ok('find_match')) {
    const m = r.match;
    sections.push(
      ctx.p.matchFound(m.home_team, m.away_team, kickoff(m.start_time, lang, ctx.today, ctx.zone), m.tournament),
    );
  }
  const widened = turn.outcomes.some((o) => o.name === 'get_recommendations' && !o.ok);
  for (const r of ok('get_recommendations'))
    sections.push(
      recommendations(
        r,
        ctx,
        ctx.hints?.asks_why
          ? ctx.p.whyPicks
          : widened
            ? ctx.p.widenedPicks
            : ctx.hints?.pick_style
              ? ctx.p.picksOf[ctx.hints.pick_style]
              : ctx.p.picksIntro,
      ),
    );
  for (const r of ok('get_user_balance')) sections.push(balance(r, ctx));
  if (intent !== 'BET_SIMULATION') {
    for (const r of ok('calculate_payout')) sections.push(payoutText(r, ctx), ...slipKept(r, ctx));
  }

  const failures = failureLines(turn, ctx);
  if (sections.length === 0 && failures.length === 0) sections.push(fixedText(intent, turn, ctx));
  sections.push(...failures);
  if (turn.outcomes.some((o) => o.ok && o.result.stale)) sections.push(ctx.p.staleNote);
  const needsRg = ok('get_recommendations').length > 0 || ok('propose_bet').length > 0;
  // "30 quid on Juve" on a USD account: the figures above are dollars, and the answer says so.
  // Said only when a tool named the account's currency (a slip, a balance).
  const named = ctx.hints?.entities.amounts.length ? currencyNamed(turn.userText) : undefined;
  const account = named ? accountCurrency(turn.outcomes) : undefined;
  if (named && account && named !== account) sections.push(ctx.p.stakeCurrency(account));
  if (needsRg) sections.push(ctx.p.rg);
  return sections.filter(Boolean).join('\n\n');
}

/** Money words and signs people put on a stake, by currency (reais before R$'s "$"). */
const CURRENCIES: Array<[string, RegExp]> = [
  ['BRL', /r\$|\breais\b|\bconto?s?\b|\bpila(?:s)?\b/i],
  ['GBP', /£|\bquids?\b|\bpounds?\b|\bfivers?\b|\btenners?\b/i],
  ['EUR', /€|\beuros?\b/i],
  ['MXN', /\bpesos?\b|\bpesitos\b/i],
  ['USD', /\$|\bdollars?\b|\bd[oó]lares?\b|\bbucks?\b|\busd\b/i],
];

/** The currency the message names its stake in, if it names one. */
function currencyNamed(text: string): string | undefined {
  return CURRENCIES.find(([, words]) => words.test(text))?.[0];
}

function fixedText(intent: string, turn: TurnView, ctx: Ctx): string {
  switch (intent) {
    case 'GREETING':
      return ctx.p.greeting;
    case 'HELP_REQUEST':
      return ctx.p.help;
    case 'GENERAL_SPORTS_QUERY':
      return glossary(turn.userText, ctx);
    case 'BET_SIMULATION': {
      const stake = turn.hints?.entities.amounts[0];
      return stake !== undefined && stake > 0 ? ctx.p.askSelectionFor(money(stake, ctx.currency, ctx.lang)) : ctx.p.askSelection;
    }
    default: {
      const examples = turn.hints
        ? suggestedActions(
            {
              intent: 'UNCLEAR',
              language: ctx.lang,
              confidence: 0,
              entities: turn.hints.entities,
              inherited: false,
            },
            ctx.lang,
          )
        : [];
      return [ctx.p.unclear, ...examples.map((e) => `• ${e}`)].join('\n');
    }
  }
}

function glossary(text: string, ctx: Ctx): string {
  const topics = GLOSSARY_CUES.filter(([, cue]) => cue.test(text)).map(([key]) => key);
  // Results history and rules trivia are not in any tool: say so rather than explain odds unasked.
  if (topics.length === 0 && !BETTING_TALK.test(text)) return ctx.p.noFacts;
  const chosen = (topics.length > 0 ? topics : ['odds', 'one_x_two', 'parlay']).slice(0, 3);
  return [ctx.p.generalIntro, ...chosen.map((k) => `• ${ctx.p.glossary[k]}`)].join('\n');
}

function fixtureLine(f: FixtureView, ctx: Ctx, showTournament = true): string {
  const live = f.status === 'live' ? ` — ${ctx.p.live}` : '';
  const where = showTournament ? ` (${f.tournament})` : '';
  return `• ${kickoff(f.start_time, ctx.lang, ctx.today, ctx.zone)} — ${f.home_team} ${ctx.p.vs} ${f.away_team}${where}${live}`;
}

function fixturesBlock(outcome: { args: Record<string, unknown>; result: FixturesResult }, ctx: Ctx): string {
  const r = outcome.result;
  const team = typeof outcome.args.team === 'string' ? outcome.args.team : undefined;
  // The tournament as the listing spells it in the user's language ("Brasileirão", "Liga de Campeones").
  const tournament =
    typeof outcome.args.tournament === 'string'
      ? (r.fixtures[0]?.tournament ?? outcome.args.tournament)
      : undefined;
  const from = typeof outcome.args.date_from === 'string' ? outcome.args.date_from : undefined;
  const to = typeof outcome.args.date_to === 'string' ? outcome.args.date_to : from;
  const days = from
    ? from === to || !to
      ? dayLabel(from, ctx.lang, ctx.today)
      : `${dayLabel(from, ctx.lang, ctx.today)} – ${dayLabel(to, ctx.lang, ctx.today)}`
    : undefined;
  const filter = `${team ? ctx.p.forTeam(team) : ''}${tournament ? ctx.p.inTournament(tournament) : ''}${days ? ctx.p.onDays(days) : ''}`;
  if (r.fixtures.length === 0) return ctx.p.noFixtures(filter);
  const lines: string[] = [];
  let list = r.fixtures;
  if (team && ctx.hints?.intent === 'MATCH_SCHEDULE_QUERY') {
    const next = list[0];
    // The fixture was fetched for this team: if it is not the away side, it is the home one.
    const home = sameTeam(next.home_team, team) || !sameTeam(next.away_team, team);
    const name = home ? next.home_team : next.away_team;
    const live = next.status === 'live' ? ` (${ctx.p.live})` : '';
    lines.push(
      ctx.p.nextMatch(
        name,
        `${kickoff(next.start_time, ctx.lang, ctx.today, ctx.zone)}${live}`,
        home ? next.away_team : next.home_team,
        next.tournament,
        home ? 'home' : 'away',
      ),
    );
    list = list.slice(1);
    if (list.length > 0) lines.push(ctx.p.afterThat);
  } else {
    lines.push(
      tournament && ctx.hints?.intent === 'TOURNAMENT_INFO'
        ? ctx.p.tournamentFixtures(tournament)
        : ctx.p.fixturesIntro(filter),
    );
  }
  lines.push(...list.map((f) => fixtureLine(f, ctx, !tournament)));
  if (r.count > r.fixtures.length) lines.push(ctx.p.moreFixtures(r.fixtures.length, r.count));
  return lines.join('\n');
}

function selectionLabel(s: SelectionView, m: MarketView, f: FixtureView, ctx: Ctx): string {
  const line = m.line !== undefined ? String(m.line) : '';
  switch (s.outcome) {
    case 'home':
      return m.market === 'handicap' ? s.name : f.home_team;
    case 'away':
      return m.market === 'handicap' ? s.name : f.away_team;
    case 'draw':
      return ctx.p.draw;
    case 'yes':
      return ctx.p.yes;
    case 'no':
      return ctx.p.no;
    case 'over':
      return line ? ctx.p.over(line) : s.name;
    case 'under':
      return line ? ctx.p.under(line) : s.name;
    case 'home_or_draw':
      return ctx.p.orDraw(f.home_team);
    case 'away_or_draw':
      return ctx.p.orDraw(f.away_team);
    case 'home_or_away':
      return ctx.p.homeOrAway(f.home_team, f.away_team);
    default:
      return s.name;
  }
}

/** Sport id of football in the ChatBet API: its totals count goals; other sports' count points. */
const FOOTBALL = '1';
/** Sport id of basketball: no game ends level, so it has no draw to price. */
const BASKETBALL = '3';

function marketTitle(m: MarketView, ctx: Ctx, sportId?: string): string {
  if (m.market === 'over_under' && m.line !== undefined)
    return sportId === undefined || sportId === FOOTBALL
      ? ctx.p.overUnderTitle(String(m.line))
      : ctx.p.overUnderTotalTitle(String(m.line));
  // Handicap selections carry their own line ("Aston Villa +0.5"), so the title stays plain.
  return ctx.p.markets[m.market] ?? m.market;
}

/** `everyOutcome`: the payouts of every outcome, even with one team named (the pick is still to be chosen). */
function oddsBlock(r: OddsResult, ctx: Ctx, everyOutcome = false): string {
  const f = r.fixture;
  const live = f.status === 'live' ? ` — ${ctx.p.live}` : '';
  const missing = ctx.hints?.market_not_offered ?? (r.not_offered ? marketName(r.not_offered.market, ctx) : undefined);
  // "over 3.5" where only 2.5 is priced: said before the prices, never passed off as the line asked.
  const askedLine = ctx.hints?.slip?.line;
  const pricedLine = r.markets.find((m) => m.market === 'over_under')?.line;
  const lineMissing = askedLine !== undefined && pricedLine !== undefined && askedLine !== pricedLine;
  // The outcome the user named ("under", "no", "their opponents") narrows the payouts to that selection.
  const asked = ctx.hints?.entities.markets ?? [];
  // The selection the message pointed at ("and River or the draw?" after this match, "and on Lazio?")
  // says the side itself; the teams it carries are the whole match's.
  const pointed = ctx.hints?.focus?.fixture_id === f.fixture_id ? ctx.hints.focus.outcome : undefined;
  const named = pointed ?? namedOutcome(ctx.hints?.slip?.outcome, ctx.hints?.entities.teams ?? [], f, asked);
  const lines = [
    ...(missing ? [ctx.p.marketNotOffered(missing, f.home_team, f.away_team)] : []),
    ...(lineMissing ? [ctx.p.lineNotOffered(ctx.p.over(String(pricedLine)), ctx.p.under(String(pricedLine)))] : []),
    ...(named === 'draw' && f.sport_id === BASKETBALL ? [ctx.p.noDrawInBasketball] : []),
    ...(ctx.hints?.asks_markets && !missing ? [ctx.p.marketsOffered(f.home_team, f.away_team)] : []),
    `**${ctx.p.oddsFor(f.home_team, f.away_team)}** — ${f.tournament}, ${kickoff(f.start_time, ctx.lang, ctx.today, ctx.zone)}${live}`,
  ];
  // "and the draw?" after this match's prices: that price, not the whole block again.
  const focus = ctx.hints?.follow_up && named && r.payout_examples.length === 0 ? selectionOf(r, named, asked) : undefined;
  if (focus) {
    const { m, s } = focus;
    const title = `${marketTitle(m, ctx, f.sport_id)}, ${ctx.p.margin(pct(m.margin_pct, ctx.lang))}`;
    const label = selectionLabel(s, m, f, ctx);
    return [...lines, ctx.p.focused(label, odd(s.odd, ctx.lang), pct(s.implied_probability_pct, ctx.lang), title)].join('\n');
  }
  // A follow-up asking another market of the same match ("and both teams to score?") is answered
  // with that market: the match result, which the tool adds and the user just saw, is left out.
  const askedFor = ctx.hints?.follow_up ? ctx.hints.entities.markets : [];
  const onlyAsked = r.markets.some((m) => m.market !== 'result' && m.market !== 'win' && askedFor.includes(m.market));
  for (const m of r.markets) {
    if (onlyAsked && (m.market === 'result' || m.market === 'win')) continue;
    lines.push(`${marketTitle(m, ctx, f.sport_id)} · ${ctx.p.margin(pct(m.margin_pct, ctx.lang))}`);
    for (const s of m.selections)
      lines.push(
        `• ${selectionLabel(s, m, f, ctx)}: ${odd(s.odd, ctx.lang)} (${pct(s.implied_probability_pct, ctx.lang)} ${ctx.p.implied})`,
      );
  }
  // With a stake on one team ("50 on Real Madrid"), what that bet pays, not every outcome's.
  const [team, other] = ctx.hints?.entities.teams ?? [];
  const side = team && !other && !everyOutcome ? (sameTeam(f.home_team, team) ? 'home' : sameTeam(f.away_team, team) ? 'away' : undefined) : undefined;
  const backed = named ?? side;
  const all = r.payout_examples;
  const examples = all.some((e) => e.outcome === backed) ? all.filter((e) => e.outcome === backed) : all;
  if (examples.length > 0) {
    const market = r.markets.find((m) => m.market === examples[0].market) ?? r.markets[0];
    const parts = examples.map((e) => {
      const sel = market.selections.find((s) => s.outcome === e.outcome);
      const label = sel ? selectionLabel(sel, market, f, ctx) : e.name;
      const kind = e.outcome === 'draw' ? 'draw' : market.market === 'result' || market.market === 'win' ? 'side' : 'other';
      return ctx.p.returnsPart(money(e.returns, ctx.currency, ctx.lang), label, kind);
    });
    lines.push(ctx.p.returnsLine(money(examples[0].stake, ctx.currency, ctx.lang), parts));
  }
  return lines.join('\n');
}

/**
 * The outcome named, read against the team the conversation is about: "the other side", and the
 * draw of a double chance asked with a team ("Juve or the draw" → home_or_draw).
 */
function namedOutcome(outcome: string | undefined, teams: string[], f: FixtureView, asked: string[]): string | undefined {
  if (outcome !== 'opponent' && !(outcome === 'draw' && asked[0] === 'double_chance')) return outcome;
  const [team] = teams;
  const side = !team ? undefined : sameTeam(f.home_team, team) ? 'home' : sameTeam(f.away_team, team) ? 'away' : undefined;
  if (outcome === 'draw') return side ? sideOutcome('double_chance', side) : outcome;
  return side === 'home' ? 'away' : side === 'away' ? 'home' : undefined;
}

/**
 * The market of the answer holding the outcome the user named, with that selection: the market
 * asked for first ("the draw at half-time"), else the first that has it.
 */
function selectionOf(r: OddsResult, outcome: string, asked: string[]): { m: MarketView; s: SelectionView } | undefined {
  const markets = [...r.markets].sort((a, b) => Number(asked.includes(b.market)) - Number(asked.includes(a.market)));
  for (const m of markets) {
    const s = m.selections.find((x) => x.outcome === outcome);
    if (s) return { m, s };
  }
  return undefined;
}

/** A market key as the user reads it ("over/under"), from the market titles. */
function marketName(key: string, ctx: Ctx): string {
  return ctx.p.markets[key] ?? key.replace(/_/g, ' ');
}

function resultMarket(r: OddsResult): MarketView | undefined {
  return r.markets.find((m) => m.market === 'result');
}

function comparison(odds: OddsResult[], ctx: Ctx): string[] {
  if (odds.length === 0) return [];
  const teams = ctx.hints?.entities.teams ?? [];
  if (odds.length === 1 && teams.length < 2) return [oddsBlock(odds[0], ctx)];
  if (odds.length === 1) {
    const r = odds[0];
    const m = resultMarket(r);
    const home = m?.selections.find((s) => s.outcome === 'home');
    const away = m?.selections.find((s) => s.outcome === 'away');
    const draw = m?.selections.find((s) => s.outcome === 'draw');
    if (!m || !home || !away)
      return [ctx.p.compareNoWinnerMarket(r.fixture.home_team, r.fixture.away_team), oddsBlock(r, ctx)];
    const f = r.fixture;
    const lines: string[] = [];
    if (home.odd === away.odd) lines.push(ctx.p.compareEven(f.home_team, f.away_team, odd(home.odd, ctx.lang)));
    else {
      const [strong, weak] = home.odd < away.odd ? [home, away] : [away, home];
      const name = (s: SelectionView) => (s.outcome === 'home' ? f.home_team : f.away_team);
      lines.push(
        ctx.p.compareHeadToHead(
          name(strong),
          odd(strong.odd, ctx.lang),
          pct(strong.implied_probability_pct, ctx.lang),
          name(weak),
          odd(weak.odd, ctx.lang),
          pct(weak.implied_probability_pct, ctx.lang),
          draw ? odd(draw.odd, ctx.lang) : '—',
        ),
      );
    }
    lines.push(
      `${ctx.p.matchFound(f.home_team, f.away_team, kickoff(f.start_time, ctx.lang, ctx.today, ctx.zone), f.tournament)} ${ctx.p.compareCaveat}`,
    );
    return lines;
  }
  // Each team's own next match: compare their odds-implied chance of winning it.
  const rows = odds
    .map((r, i) => {
      const team = teams[i] ?? r.fixture.home_team;
      const isHome = sameTeam(r.fixture.home_team, team);
      const sel = resultMarket(r)?.selections.find((s) => s.outcome === (isHome ? 'home' : 'away'));
      return sel
        ? {
            team: isHome ? r.fixture.home_team : r.fixture.away_team,
            opponent: isHome ? r.fixture.away_team : r.fixture.home_team,
            sel,
            r,
          }
        : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => !!x);
  if (rows.length < 2) return odds.map((r) => oddsBlock(r, ctx));
  const lines = rows.map(
    (row) =>
      `• ${ctx.p.compareSeparate(row.team, odd(row.sel.odd, ctx.lang), pct(row.sel.implied_probability_pct, ctx.lang), row.opponent, kickoff(row.r.fixture.start_time, ctx.lang, ctx.today, ctx.zone))}`,
  );
  const best = [...rows].sort((a, b) => a.sel.odd - b.sel.odd)[0];
  return [lines.join('\n'), `${ctx.p.compareVerdict(best.team)} ${ctx.p.compareCaveat}`];
}

function simulation(turn: TurnView, ctx: Ctx): string[] {
  const sections: string[] = [];
  const oddsResults = resultsOf(turn, 'get_odds');
  const [proposal] = resultsOf(turn, 'propose_bet');
  const [payoutResult] = resultsOf(turn, 'calculate_payout');

  if (proposal) {
    const legs = proposal.proposal.selections.map((s) => {
      const pick =
        s.market === 'result' || s.market === undefined
          ? s.outcome === 'draw'
            ? ctx.p.theDraw
            : ctx.p.toWin(s.outcome === 'away' ? s.away_team : s.home_team)
          : marketPick(s, oddsResults, ctx);
      return `• ${ctx.p.legLine(pick, s.home_team, s.away_team, kickoff(s.start_time, ctx.lang, ctx.today, ctx.zone), odd(s.odd, ctx.lang))}`;
    });
    sections.push(legs.join('\n'));
  } else if (oddsResults.length > 0 && !payoutResult) {
    // "25 on the Sevilla game", "10 on the second one": the prices and payouts, then which outcome.
    const stake = ctx.hints?.slip?.stakeIssue ? undefined : ctx.hints?.entities.amounts[0];
    const pickAsked = stake !== undefined && stake > 0;
    sections.push(...oddsResults.map((r) => oddsBlock(r, ctx, pickAsked)));
    if (pickAsked) sections.push(ctx.p.whichPick(money(stake, ctx.currency, ctx.lang)));
  }
  if (payoutResult) {
    // With a slip open, a stake left unsaid is the slip's own, or a multiple of it ("if I tripled it").
    if (!ctx.hints?.entities.amounts.length && !ctx.hints?.open_slip)
      sections.push(ctx.p.noStakeAssumed(money(payoutResult.stake, ctx.currency, ctx.lang)));
    sections.push(payoutText(payoutResult, ctx));
    if (!proposal) sections.push(...slipKept(payoutResult, ctx));
  }
  if (proposal) {
    sections.push(ctx.p.proposal);
  }
  return sections;
}

/**
 * "e se eu colocar 80, quanto volta?" with a slip of 20 open: the payout is of a stake only
 * imagined, so the answer says the slip still holds its own and how to change it.
 */
function slipKept(r: PayoutResult, ctx: Ctx): string[] {
  const open = ctx.hints?.open_slip;
  if (!open || r.stake === open.stake) return [];
  return [ctx.p.slipUnchanged(money(open.stake, ctx.currency, ctx.lang), money(r.stake, ctx.currency, ctx.lang))];
}

function payoutText(r: PayoutResult, ctx: Ctx): string {
  const stake = money(r.stake, ctx.currency, ctx.lang);
  if (r.kind === 'single')
    return ctx.p.singlePayout(
      stake,
      odd(r.odds[0], ctx.lang),
      money(r.potential_return, ctx.currency, ctx.lang),
      money(r.profit, ctx.currency, ctx.lang),
    );
  const product = r.odds.map((o) => odd(o, ctx.lang)).join(' × ');
  return `${ctx.p.parlayPayout(r.odds.length, product, exactOdd(r.combined_odd, ctx.lang), stake, money(r.potential_return, ctx.currency, ctx.lang), money(r.profit, ctx.currency, ctx.lang))} ${ctx.p.parlayRule}`;
}

function recommendations(r: RecommendationsResult, ctx: Ctx, intro: string): string {
  // One pick asked for and given: no list numbering, and an opening in the singular.
  const single = r.picks.length === 1 && ctx.hints?.pick_count === 1;
  const opening = !single ? intro : intro === ctx.p.whyPicks ? ctx.p.whyTopPick : intro === ctx.p.picksIntro ? ctx.p.topPick : intro;
  const lines = [opening];
  r.picks.forEach((pick, i) => {
    const f = pick.fixture;
    const market: MarketView = {
      market: pick.market,
      ...(pick.line !== undefined ? { line: pick.line } : {}),
      selections: [],
      margin_pct: pick.margin_pct,
    };
    const label = selectionLabel(
      {
        outcome: pick.outcome,
        name: pick.name,
        odd: pick.odd,
        implied_probability_pct: pick.implied_probability_pct,
      },
      market,
      f,
      ctx,
    );
    const why = pickReason(pick, f, ctx);
    const title = pickTitle(label, market, ctx, f.sport_id);
    lines.push(
      `${single ? '' : `${i + 1}. `}**${title}** at ${odd(pick.odd, ctx.lang)} — ${f.home_team} ${ctx.p.vs} ${f.away_team} (${f.tournament}, ${kickoff(f.start_time, ctx.lang, ctx.today, ctx.zone)}). ${capitalize(why)}${pick.example ? ` ${ctx.p.pickReturns(money(pick.example.stake, ctx.currency, ctx.lang), money(pick.example.returns, ctx.currency, ctx.lang))}` : ''}`,
    );
  });
  const text = lines.join('\n');
  return ctx.lang === 'en' ? text : text.replace(/\*\* at /g, '** a ');
}

/** How a selection reads on its own line: "Arsenal", "Over 2.5 goals", "Both teams to score: Yes". */
function pickTitle(label: string, market: MarketView, ctx: Ctx, sportId?: string): string {
  if (market.market === 'result' || (market.market === 'handicap' && /[+-]\d/.test(label))) return label;
  if (market.market === 'over_under')
    return sportId === undefined || sportId === FOOTBALL ? `${label} ${ctx.p.goals}` : label;
  return `${marketTitle(market, ctx)}: ${label}`;
}

/** A proposal leg outside the result market, labelled from the odds the turn fetched for it. */
function marketPick(s: BetProposal['selections'][number], odds: OddsResult[], ctx: Ctx): string {
  const priced = odds.find((r) => r.fixture.fixture_id === s.fixture_id);
  const market = priced?.markets.find((m) => m.market === s.market);
  const selection = market?.selections.find((x) => x.outcome === s.outcome);
  if (!priced || !market || !selection) return s.outcome;
  return pickTitle(
    selectionLabel(selection, market, priced.fixture, ctx),
    market,
    ctx,
    priced.fixture.sport_id,
  );
}

/** Why a pick was made, from its own numbers, in the words of its kind. */
function pickReason(pick: RecommendationPick, f: FixtureView, ctx: Ctx): string {
  const implied = pct(pick.implied_probability_pct, ctx.lang);
  const margin = pct(pick.margin_pct, ctx.lang);
  switch (pick.kind) {
    case 'favourite':
      return ctx.p.pickFavourite(implied, margin);
    case 'low_margin':
      return ctx.p.pickLowMargin(margin, implied);
    case 'safe':
      return ctx.p.pickSafe(implied, margin);
    case 'value':
      return ctx.p.pickValue(favouriteName(f, pick), odd(pick.favourite_odd ?? pick.odd, ctx.lang), implied);
    case 'underdog': {
      const favourite = pick.outcome === 'home' ? f.away_team : f.home_team;
      return ctx.p.pickUnderdog(favourite, odd(pick.favourite_odd ?? pick.odd, ctx.lang), implied);
    }
  }
}

/** The pick's team for a double-chance cover ("Barcelona or draw" → Barcelona). */
function favouriteName(f: FixtureView, pick: { outcome: string }): string {
  return pick.outcome === 'away_or_draw' ? f.away_team : f.home_team;
}

function balance(r: BalanceResult, ctx: Ctx): string {
  const text = ctx.p.balance(money(r.balance, r.currency, ctx.lang));
  if (r.playable_balance === r.balance && r.withdrawable_balance === r.balance) return text;
  return `${text} ${ctx.p.balanceDetail(money(r.playable_balance, r.currency, ctx.lang), money(r.withdrawable_balance, r.currency, ctx.lang))}`;
}

function failureLines(turn: TurnView, ctx: Ctx): string[] {
  const lines = new Set<string>();
  const anyOk = turn.outcomes.some((o) => o.ok);
  for (const o of turn.outcomes) {
    if (o.ok) continue;
    // A failed head-to-head lookup that the engine then covered with per-team lookups is not news,
    // nor an empty window of picks that it widened to the next matches.
    if ((o.name === 'get_odds' || o.name === 'find_match') && o.result.error === 'match_not_found' && anyOk)
      continue;
    if (o.name === 'get_recommendations' && o.result.error === 'no_matches' && anyOk) continue;
    const code = typeof o.result.error === 'string' ? o.result.error : 'default';
    lines.add(ctx.p.errors[code] ?? ctx.p.errors.default);
  }
  return [...lines];
}

function currencyOf(outcomes: ToolOutcome[]): string {
  return accountCurrency(outcomes) ?? 'USD';
}

/** The account's currency as a tool result names it (a balance, a slip), if one does. */
function accountCurrency(outcomes: ToolOutcome[]): string | undefined {
  for (const o of outcomes) {
    if (!o.ok) continue;
    if (typeof o.result.currency === 'string') return o.result.currency;
    const proposal = o.result.proposal as { currency?: string } | undefined;
    if (proposal?.currency) return proposal.currency;
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
