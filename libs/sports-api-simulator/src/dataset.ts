import {
  DEFAULT_TOURNAMENT_ID,
  FEATURED_FIXTURE_ID,
  TEAM_BY_ID,
  TOURNAMENTS,
  type LeagueRhythm,
  type TeamEntry,
  type TournamentEntry,
} from './catalogue';
import { rngFor } from './random';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far the calendar reaches around "today". */
export const PAST_DAYS = 3;
export const FUTURE_DAYS = 21;

export interface SimFixture {
  id: string;
  tournament: TournamentEntry;
  home: TeamEntry;
  away: TeamEntry;
  kickoff: Date;
}

export type FixturePhase = 'upcoming' | 'live' | 'finished';

/** Time from kick-off to the final whistle, half-time and stoppages included. */
const MATCH_LENGTH_MS: Record<string, number> = { '1': 115 * 60_000, '3': 150 * 60_000 };

export function phaseOf(fixture: SimFixture, now: Date): FixturePhase {
  const start = fixture.kickoff.getTime();
  const length = MATCH_LENGTH_MS[fixture.tournament.sportId] ?? 2 * HOUR_MS;
  if (now.getTime() < start) return 'upcoming';
  if (now.getTime() < start + length) return 'live';
  return 'finished';
}

/** Days since 1970-01-01 (a Thursday), in UTC. */
export function epochDay(instant: Date): number {
  return Math.floor(instant.getTime() / DAY_MS);
}

/** Monday-based week index; the Monday of week w is epoch day 7w − 3. */
function weekOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** Circle-method round robin: round r of a team list, as [home, away] pairs (byes dropped). */
function roundRobinRound(teamIds: string[], round: number): Array<[string, string]> {
  const teams: Array<string | null> = [...teamIds];
  if (teams.length % 2 === 1) teams.push(null);
  const n = teams.length;
  const rotating = teams.slice(1);
  const shift = round % (n - 1);
  const rotated = [...rotating.slice(shift), ...rotating.slice(0, shift)];
  const order = [teams[0], ...rotated];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < n / 2; i += 1) {
    const a = order[i];
    const b = order[n - 1 - i];
    if (a && b) pairs.push((round + i) % 2 === 0 ? [a, b] : [b, a]);
  }
  return pairs;
}

const DEFAULT_RHYTHM: LeagueRhythm = {
  cupWeek: { weekend: [5, 6], midweek: [] },
  otherWeek: { weekend: [5, 6], midweek: [2, 3] },
};

interface PlannedMatch {
  day: number;
  home: string;
  away: string;
}

/** Cup weeks alternate with league midweeks; the parity is per region (see `cupWeekParity`). */
function isCupWeek(tournament: TournamentEntry, week: number): boolean {
  return week % 2 === (tournament.cupWeekParity ?? 0);
}

function planWeek(tournament: TournamentEntry, week: number, tournamentIndex: number): PlannedMatch[] {
  const teams = tournament.teamIds;
  if (teams.length < 2) return [];
  const rounds = teams.length % 2 === 0 ? teams.length - 1 : teams.length;
  const monday = 7 * week - 3;
  const planned: PlannedMatch[] = [];
  const spread = (pairs: Array<[string, string]>, offsets: number[]): void => {
    pairs.forEach(([home, away], i) => {
      planned.push({ day: monday + offsets[(i + tournamentIndex) % offsets.length], home, away });
    });
  };
  switch (tournament.schedule) {
    case 'league': {
      const rhythm = tournament.rhythm ?? DEFAULT_RHYTHM;
      const days = isCupWeek(tournament, week) ? rhythm.cupWeek : rhythm.otherWeek;
      spread(roundRobinRound(teams, (2 * week) % rounds), days.weekend);
      if (days.midweek.length > 0) spread(roundRobinRound(teams, (2 * week + 1) % rounds), days.midweek);
      break;
    }
    case 'cup': {
      const days = tournament.cupDays ?? [];
      if (isCupWeek(tournament, week) && days.length > 0) {
        spread(roundRobinRound(teams, Math.floor(week / 2) % rounds), days);
      }
      break;
    }
    case 'daily': {
      for (let offset = 0; offset < 7; offset += 1) {
        const day = monday + offset;
        roundRobinRound(teams, day % rounds)
          .filter((_, i) => (i + day) % 2 === 0)
          .forEach(([home, away]) => planned.push({ day, home, away }));
      }
      break;
    }
  }
  return planned;
}

/**
 * The fixture calendar: a fixed weekly rhythm per tournament (weekend and midweek league rounds,
 * cup nights, daily NBA), laid on the real calendar so ids and kick-offs do not move as time passes.
 * Only the window around "today" is materialised, and it is cached per UTC day.
 */
export class FixtureCalendar {
  private cachedDay = Number.NaN;
  private cached: SimFixture[] = [];

  constructor(private readonly seed: number) {}

  fixtures(now: Date): SimFixture[] {
    const today = epochDay(now);
    if (today !== this.cachedDay) {
      this.cached = this.generate(today);
      this.cachedDay = today;
    }
    return this.cached;
  }

  private generate(today: number): SimFixture[] {
    const firstDay = today - PAST_DAYS;
    const lastDay = today + FUTURE_DAYS;
    const fixtures: SimFixture[] = [];
    TOURNAMENTS.forEach((tournament, tournamentIndex) => {
      const perDayCount = new Map<number, number>();
      for (let week = weekOf(firstDay) - 1; week <= weekOf(lastDay); week += 1) {
        for (const match of planWeek(tournament, week, tournamentIndex)) {
          if (match.day < firstDay || match.day > lastDay) continue;
          const index = perDayCount.get(match.day) ?? 0;
          perDayCount.set(match.day, index + 1);
          const rng = rngFor(this.seed, 'kickoff', tournament.id, match.day);
          const hours = tournament.kickoffHours;
          const slot = (index + Math.floor(rng() * hours.length)) % hours.length;
          fixtures.push({
            // Stable for a given match day/tournament/position: 8 digits, unique across the catalogue.
            id: String(30_000_000 + match.day * 600 + tournamentIndex * 40 + index),
            tournament,
            home: this.team(match.home),
            away: this.team(match.away),
            kickoff: new Date(match.day * DAY_MS + hours[slot] * HOUR_MS),
          });
        }
      }
    });
    fixtures.sort((a, b) => a.kickoff.getTime() - b.kickoff.getTime() || a.id.localeCompare(b.id));
    this.pinFeaturedFixture(fixtures, today);
    return fixtures;
  }

  /**
   * The Swagger default fixture id must always point at a Premier League match whose odds are open
   * for the whole day, so it goes to the first one that kicks off tomorrow or later.
   */
  private pinFeaturedFixture(fixtures: SimFixture[], today: number): void {
    const tomorrowStart = (today + 1) * DAY_MS;
    const featured = fixtures.find(
      (f) => f.tournament.id === DEFAULT_TOURNAMENT_ID && f.kickoff.getTime() >= tomorrowStart,
    );
    if (featured) featured.id = FEATURED_FIXTURE_ID;
  }

  private team(id: string): TeamEntry {
    const team = TEAM_BY_ID.get(id);
    if (!team) throw new Error(`dataset: unknown team id ${id}`);
    return team;
  }
}
