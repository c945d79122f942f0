import { z } from 'zod';

/**
 * What the ChatBet API sends, as CONTRACT.md describes it. Loose on purpose: unknown keys pass,
 * ids may be numbers or strings (we always keep strings), and optional pieces stay optional so a
 * partly odd payload still yields what can be read.
 */

export const rawId = z.union([z.string(), z.number()]).transform((v) => String(v));
const rawNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const localized = z.looseObject({
  en: z.string().optional(),
  es: z.string().optional(),
  pt_br: z.string().optional(),
});
export type RawLocalized = z.infer<typeof localized>;

export const rawSport = z.looseObject({
  id: rawId,
  name: z.string(),
  name_en: z.string().optional(),
  name_es: z.string().optional(),
  name_pt_br: z.string().optional(),
});

/** GET /sports/tournaments (snake_case ids). */
export const rawTournament = z.looseObject({ tournament_id: rawId, tournament_name: z.string() });

/** GET /sports/all-tournaments: sports, each with its tournaments (camelCase ids). */
export const rawSportWithTournaments = z.looseObject({
  id: rawId,
  name: z.string().optional(),
  tournaments: z.array(z.looseObject({ tournamentId: rawId, name: z.string() })).default([]),
});

/** One element of GET /sports/fixtures after the `{totalResults}` head. */
export const rawFixture = z.looseObject({
  id: rawId,
  startTime: z.string(),
  sportId: rawId.optional(),
  tournament: z.looseObject({ id: rawId, name: z.string() }),
  homeCompetitor: z.looseObject({ name: z.string() }),
  awayCompetitor: z.looseObject({ name: z.string() }),
});

/** One element of GET /sports/sports-fixtures (a plain list, names per language). */
export const rawSportFixture = z.looseObject({
  id: rawId,
  startTime: z.string(),
  tournament_id: rawId,
  tournament_name: localized,
  homeCompetitorName: localized.optional(),
  awayCompetitorName: localized.optional(),
  home_team_data: z.looseObject({ name: localized }).optional(),
  away_team_data: z.looseObject({ name: localized }).optional(),
});

/** A selection of the Sept-2025 shape: `{name, odds, profit, betId}`. */
export const rawNamedSelection = z.looseObject({
  name: z.string().optional(),
  odds: rawNumber.optional(),
  odd: rawNumber.optional(),
  betId: rawId.optional(),
});

/** A value inside the QA-era `options` map, keyed by betId: `{name, odd}`. */
export const rawOptionSelection = z.looseObject({
  name: z.string().optional(),
  odd: rawNumber.optional(),
  odds: rawNumber.optional(),
});

export const rawOdds = z.looseObject({ status: z.string().optional(), main_market: z.string().nullish() });

export const rawValidateUser = z.looseObject({ userId: rawId });
export const rawToken = z.looseObject({ token: z.string().min(1) });

export const rawBalance = z.looseObject({
  money: rawNumber,
  playableBalance: rawNumber.optional(),
  withdrawableBalance: rawNumber.optional(),
});

export const rawPlaceBetResponse = z.looseObject({
  message: z.string().optional(),
  betId: rawId.optional(),
  possibleWin: rawNumber.optional(),
});

/** FastAPI error bodies: `{"detail": "text"}` or `{"detail": [{msg, loc, …}]}`. */
export function errorDetail(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || !('detail' in body)) return undefined;
  const detail = body.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d) =>
        d && typeof d === 'object' && 'msg' in d ? String((d as { msg: unknown }).msg) : JSON.stringify(d),
      )
      .join('; ');
  }
  return JSON.stringify(detail);
}
