// Turns simulator data into the exact JSON shapes of /work/shared/sports-api/examples.
import { LANGUAGES, SPORT_BY_ID, type LanguageCode, type Localised, type TeamEntry } from './catalogue';
import type { SimFixture } from './dataset';
import { MARKET_KEYS, roundTo, type FixturePrices, type MarketKey, type PricedMarket } from './pricing';
import { formatStartTime } from './time-format';

export type OddsShape = 'classic' | 'options';

/** Feed code every fixture carries (`source` in the samples). */
const SOURCE = 1101;

function jerseyIcon(teamId: string): string {
  return `https://static.example-sportsbook.invalid/jerseys/${teamId}.png`;
}

function sameInAllLanguages(value: string): Localised {
  return Object.fromEntries(LANGUAGES.map((language) => [language, value])) as Localised;
}

function competitor(team: TeamEntry, language: LanguageCode) {
  return { name: team.name[language], id: team.id, jerseyIcon: jerseyIcon(team.id) };
}

/** One element of /sports/fixtures (after the `totalResults` head). */
export function renderFixture(fixture: SimFixture, language: LanguageCode, timeZone: string) {
  return {
    source: SOURCE,
    id: fixture.id,
    startTime: formatStartTime(fixture.kickoff, timeZone),
    tournament: { name: fixture.tournament.name[language], id: fixture.tournament.id },
    sportId: fixture.tournament.sportId,
    homeCompetitor: competitor(fixture.home, language),
    awayCompetitor: competitor(fixture.away, language),
  };
}

/** One element of /sports/sports-fixtures: every name as an {en, es, pt_br} map. */
export function renderSportFixture(fixture: SimFixture, timeZone: string) {
  const startTime = formatStartTime(fixture.kickoff, timeZone);
  return {
    tournament_name: { ...fixture.tournament.name },
    away_team_data: { name: { ...fixture.away.name } },
    source: SOURCE,
    tournament_id: fixture.tournament.id,
    home_team_data: { name: { ...fixture.home.name } },
    id: fixture.id,
    startTime,
    startTimeIndex: startTime,
    homeCompetitorName: { ...fixture.home.name },
    homeCompetitorId: sameInAllLanguages(fixture.home.id),
    awayCompetitorName: { ...fixture.away.name },
    awayCompetitorId: sameInAllLanguages(fixture.away.id),
  };
}

export function sportName(sportId: string): Localised {
  return { ...(SPORT_BY_ID.get(sportId)?.name ?? sameInAllLanguages('Unknown')) };
}

function renderMarket(market: PricedMarket, amount: number, shape: OddsShape) {
  if (shape === 'options') {
    return {
      options: Object.fromEntries(
        market.outcomes.map((o) => [String(o.betId), { name: o.optionName, odd: o.odds }]),
      ),
    };
  }
  return Object.fromEntries(
    market.outcomes.map((o) => [
      o.key,
      { name: o.name, profit: roundTo(o.odds * amount, 2), odds: o.odds, betId: o.betId },
    ]),
  );
}

/** The odds document: fixed keys, `null` for markets not offered; `prices` null means Inactive. */
export function renderOdds(prices: FixturePrices | null, amount: number, shape: OddsShape) {
  const byKey = new Map<MarketKey, PricedMarket>((prices?.markets ?? []).map((m) => [m.key, m]));
  const document: Record<string, unknown> = {
    status: prices ? 'Active' : 'Inactive',
    main_market: prices?.mainMarket ?? 'result',
  };
  for (const key of MARKET_KEYS) {
    const market = byKey.get(key);
    document[key] = market ? renderMarket(market, amount, shape) : null;
  }
  return document;
}
