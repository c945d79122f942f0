import { MARKET_KEYS, type MarketKey } from '../../common/protocol';
import type { Market, Odds, OddsSelection } from '../domain';
import { foldName } from '../../common/text';
import { rawNamedSelection, rawOdds, rawOptionSelection } from './raw-payloads';

/**
 * Turns the API's odds document into our `Odds`. Two selection shapes exist in the wild
 * (CONTRACT §5.4) and both are read:
 *   - named keys:  `result: { homeTeam: {name, odds, profit, betId}, tie: …, awayTeam: … }`
 *   - options map: `result: { options: { "<betId>": {name, odd} } }`
 * Only the markets of MARKET_KEYS are kept; the API's other keys have no known inner shape.
 */

/** The API's outcome keys → our normalised outcome names. */
const OUTCOME_BY_KEY: Record<string, string> = {
  homeTeam: 'home',
  tie: 'draw',
  awayTeam: 'away',
  yes: 'yes',
  no: 'no',
  over: 'over',
  under: 'under',
  homeTeam_or_draw: 'home_or_draw',
  awayTeam_or_draw: 'away_or_draw',
  homeTeam_or_awayTeam: 'home_or_away',
};

/** Outcomes of each market in the order the API lists them; used when names say nothing. */
const OUTCOME_ORDER: Record<MarketKey, string[]> = {
  result: ['home', 'draw', 'away'],
  win: ['home', 'away'],
  half_time_result: ['home', 'draw', 'away'],
  both_teams_to_score: ['yes', 'no'],
  over_under: ['over', 'under'],
  handicap: ['home', 'away'],
  double_chance: ['home_or_draw', 'away_or_draw', 'home_or_away'],
};

export interface OddsContext {
  fixtureId: string;
  sportId: string;
  tournamentId: string;
  /** Team names help read `options` selections labelled with a team ("Arsenal -0.5"). */
  homeTeam?: string;
  awayTeam?: string;
}

export function normalizeOdds(raw: unknown, context: OddsContext): Odds {
  const head = rawOdds.safeParse(raw);
  const base = { fixtureId: context.fixtureId, sportId: context.sportId, tournamentId: context.tournamentId };
  if (!head.success || head.data.status?.toLowerCase() !== 'active')
    return { ...base, active: false, markets: [] };

  const document = raw as Record<string, unknown>;
  const markets: Market[] = [];
  for (const key of MARKET_KEYS) {
    const market = normalizeMarket(key, document[key], context);
    if (market) markets.push(market);
  }
  return { ...base, active: true, markets };
}

function normalizeMarket(key: MarketKey, raw: unknown, context: OddsContext): Market | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const object = raw as Record<string, unknown>;
  const selections =
    object.options && typeof object.options === 'object'
      ? fromOptions(key, object.options as Record<string, unknown>, context)
      : fromNamedKeys(object);
  if (selections.length === 0) return undefined;
  const line = lineOf(key, selections);
  return line === undefined ? { key, selections } : { key, line, selections };
}

function fromNamedKeys(object: Record<string, unknown>): OddsSelection[] {
  const selections: OddsSelection[] = [];
  for (const [apiKey, value] of Object.entries(object)) {
    const parsed = rawNamedSelection.safeParse(value);
    if (!parsed.success) continue;
    const odd = parsed.data.odds ?? parsed.data.odd;
    if (!isPrice(odd) || parsed.data.betId === undefined) continue;
    selections.push({
      outcome: OUTCOME_BY_KEY[apiKey] ?? apiKey,
      name: parsed.data.name ?? apiKey,
      odd,
      betId: parsed.data.betId,
    });
  }
  return selections;
}

function fromOptions(
  key: MarketKey,
  options: Record<string, unknown>,
  context: OddsContext,
): OddsSelection[] {
  const entries: Array<{ betId: string; name: string; odd: number }> = [];
  for (const [betId, value] of Object.entries(options)) {
    const parsed = rawOptionSelection.safeParse(value);
    if (!parsed.success) continue;
    const odd = parsed.data.odd ?? parsed.data.odds;
    if (!isPrice(odd)) continue;
    entries.push({ betId, name: parsed.data.name ?? betId, odd });
  }
  const inferred = entries.map((e) => outcomeFromName(key, e.name, context));
  const order = OUTCOME_ORDER[key];
  const namesAreUseful = inferred.every((o) => o !== undefined) && new Set(inferred).size === inferred.length;
  return entries.map((entry, index) => ({
    outcome: (namesAreUseful ? inferred[index] : undefined) ?? order[index] ?? `option_${index + 1}`,
    name: entry.name,
    odd: entry.odd,
    betId: entry.betId,
  }));
}

function startsWithTeam(name: string, team: string | undefined): boolean {
  return !!team && foldName(name).startsWith(foldName(team));
}

/** Reads an `options` label ("Home", "Draw", "Over 2.5", "Arsenal -0.5", "1X", "Sí"…) as an outcome. */
function outcomeFromName(key: MarketKey, name: string, context: OddsContext): string | undefined {
  const label = foldName(name);
  const home =
    label === 'home' || label === '1' || startsWithTeam(name, context.homeTeam) || label.startsWith('home ');
  const away =
    label === 'away' || label === '2' || startsWithTeam(name, context.awayTeam) || label.startsWith('away ');
  switch (key) {
    case 'result':
    case 'half_time_result':
      if (['draw', 'tie', 'x', 'empate'].includes(label)) return 'draw';
      return home ? 'home' : away ? 'away' : undefined;
    case 'handicap':
    case 'win':
      return home ? 'home' : away ? 'away' : undefined;
    case 'both_teams_to_score':
      if (['yes', 'si', 'sim'].includes(label)) return 'yes';
      if (['no', 'nao'].includes(label)) return 'no';
      return undefined;
    case 'over_under':
      if (/^(over|mas|mais)\b/.test(label)) return 'over';
      if (/^(under|menos)\b/.test(label)) return 'under';
      return undefined;
    case 'double_chance': {
      const compact = label.replace(/\s+/g, '');
      if (compact === '1x') return 'home_or_draw';
      if (compact === 'x2') return 'away_or_draw';
      if (compact === '12') return 'home_or_away';
      const mentionsDraw = /\b(draw|tie|empate)\b/.test(label);
      const mentionsHome =
        /\bhome\b/.test(label) || (!!context.homeTeam && label.includes(foldName(context.homeTeam)));
      const mentionsAway =
        /\baway\b/.test(label) || (!!context.awayTeam && label.includes(foldName(context.awayTeam)));
      if (mentionsHome && mentionsDraw) return 'home_or_draw';
      if (mentionsAway && mentionsDraw) return 'away_or_draw';
      if (mentionsHome && mentionsAway) return 'home_or_away';
      return undefined;
    }
  }
}

const TRAILING_NUMBER = /([+-]?\d+(?:[.,]\d+)?)\s*$/;

/** The goal line ("Over 2.5") or the home side's handicap ("Arsenal -0.5") lives in the label. */
function lineOf(key: MarketKey, selections: OddsSelection[]): number | undefined {
  if (key !== 'over_under' && key !== 'handicap') return undefined;
  const carrier =
    selections.find((s) => s.outcome === (key === 'over_under' ? 'over' : 'home')) ?? selections[0];
  const match = TRAILING_NUMBER.exec(carrier.name);
  return match ? Number(match[1].replace(',', '.')) : undefined;
}

function isPrice(odd: number | undefined): odd is number {
  return typeof odd === 'number' && Number.isFinite(odd) && odd > 0;
}
