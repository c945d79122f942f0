import type { Language } from '../../common/protocol';
import type { Balance, BetReceipt, Fixture, FixtureType, Sport, Tournament } from '../domain';
import { parseFixtureTime } from './fixture-time';
import {
  rawBalance,
  type RawLocalized,
  rawFixture,
  rawPlaceBetResponse,
  rawSport,
  rawSportFixture,
  rawSportWithTournaments,
  rawTournament,
} from './raw-payloads';

/**
 * Raw ChatBet payloads → our domain types. Pure functions: the clock comes in as `now` so the
 * year of "MM-DD HH:mm" is testable. Elements that do not fit are skipped (and counted), never
 * allowed to sink a whole list.
 */

export class UnexpectedPayloadError extends Error {
  constructor(what: string) {
    super(`unexpected ${what} payload from the sports API`);
    this.name = 'UnexpectedPayloadError';
  }
}

export interface MappedList<T> {
  items: T[];
  /** Elements dropped because they did not fit the expected shape. */
  skipped: number;
}

function asList(raw: unknown, what: string): unknown[] {
  if (Array.isArray(raw)) return raw;
  throw new UnexpectedPayloadError(what);
}

function mapEach<T>(list: unknown[], map: (item: unknown) => T | undefined): MappedList<T> {
  const items: T[] = [];
  let skipped = 0;
  for (const element of list) {
    let mapped: T | undefined;
    try {
      mapped = map(element);
    } catch {
      mapped = undefined;
    }
    if (mapped === undefined) skipped++;
    else items.push(mapped);
  }
  return { items, skipped };
}

function pick(names: RawLocalized | undefined, language: Language): string | undefined {
  return names?.[language] ?? names?.en ?? names?.es ?? names?.pt_br;
}

export function mapSports(raw: unknown, language: Language = 'en'): MappedList<Sport> {
  return mapEach(asList(raw, 'sports'), (element) => {
    const sport = rawSport.parse(element);
    const localized =
      language === 'en' ? sport.name_en : language === 'es' ? sport.name_es : sport.name_pt_br;
    return { id: sport.id, name: localized ?? sport.name };
  });
}

/** GET /sports/tournaments answers for one sport; the sport id is the one we asked for. */
export function mapTournaments(raw: unknown, sportId: string): MappedList<Tournament> {
  return mapEach(asList(raw, 'tournaments'), (element) => {
    const t = rawTournament.parse(element);
    return { id: t.tournament_id, sportId, name: t.tournament_name };
  });
}

export function mapAllTournaments(raw: unknown): MappedList<Tournament> {
  const sports = mapEach(asList(raw, 'all-tournaments'), (element) => rawSportWithTournaments.parse(element));
  const items = sports.items.flatMap((sport) =>
    sport.tournaments.map((t) => ({ id: t.tournamentId, sportId: sport.id, name: t.name })),
  );
  return { items, skipped: sports.skipped };
}

export interface FixtureMappingContext {
  type: FixtureType;
  now: Date;
  timeZone?: string;
}

/**
 * GET /sports/fixtures: `[{totalResults}, …fixtures]`, or a bare `{totalResults: 0}` when empty
 * (CONTRACT §4.4 allows either). The head is not a fixture and is not counted as skipped.
 */
export function mapTournamentFixtures(raw: unknown, context: FixtureMappingContext): MappedList<Fixture> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'totalResults' in raw)
    return { items: [], skipped: 0 };
  const list = asList(raw, 'fixtures').filter(
    (element) => !(element && typeof element === 'object' && 'totalResults' in element && !('id' in element)),
  );
  return mapEach(list, (element) => {
    const f = rawFixture.parse(element);
    return {
      id: f.id,
      sportId: f.sportId ?? '1',
      tournamentId: f.tournament.id,
      tournamentName: f.tournament.name,
      homeTeam: f.homeCompetitor.name,
      awayTeam: f.awayCompetitor.name,
      startTime: parseFixtureTime(f.startTime, context),
      type: context.type,
    };
  });
}

/** GET /sports/sports-fixtures: a plain list with every name per language and no sport id. */
export function mapSportFixtures(
  raw: unknown,
  context: FixtureMappingContext & { sportId: string; language: Language },
): MappedList<Fixture> {
  return mapEach(asList(raw, 'sports-fixtures'), (element) => {
    const f = rawSportFixture.parse(element);
    const home = pick(f.homeCompetitorName ?? f.home_team_data?.name, context.language);
    const away = pick(f.awayCompetitorName ?? f.away_team_data?.name, context.language);
    const tournamentName = pick(f.tournament_name, context.language);
    if (!home || !away || !tournamentName) return undefined;
    return {
      id: f.id,
      sportId: context.sportId,
      tournamentId: f.tournament_id,
      tournamentName,
      homeTeam: home,
      awayTeam: away,
      startTime: parseFixtureTime(f.startTime, context),
      type: context.type,
    };
  });
}

/** The API names no currency; every observed client shows dollars. */
export const BALANCE_CURRENCY = 'USD';

export function mapBalance(raw: unknown, userId: string): Balance {
  const parsed = rawBalance.safeParse(raw);
  if (!parsed.success) throw new UnexpectedPayloadError('balance');
  const b = parsed.data;
  return {
    userId,
    money: b.money,
    playableBalance: b.playableBalance ?? b.money,
    withdrawableBalance: b.withdrawableBalance ?? b.money,
    currency: BALANCE_CURRENCY,
  };
}

export function mapBetReceipt(raw: unknown, stake: number, expectedWin: number): BetReceipt {
  const parsed = rawPlaceBetResponse.safeParse(raw);
  if (!parsed.success || parsed.data.betId === undefined) throw new UnexpectedPayloadError('place-bet');
  return {
    betId: parsed.data.betId,
    message: parsed.data.message ?? 'Bet accepted',
    stake,
    possibleWin: parsed.data.possibleWin ?? expectedWin,
  };
}
