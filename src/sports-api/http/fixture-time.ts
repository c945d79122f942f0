/**
 * The API sends fixture times as "MM-DD HH:mm" with no year, rendered in the `time_zone` we asked
 * for. These helpers rebuild the real instant: the year is the one that puts the fixture nearest
 * to now, so a "01-02" fixture seen on 30 December is next January and a "12-30" fixture seen on
 * 2 January is last December.
 */
import { wallClock } from '../../common/time-zone';

const FIXTURE_TIME = /^\s*(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})\s*$/;

export class FixtureTimeFormatError extends Error {
  constructor(readonly raw: string) {
    super(`fixture time "${raw}" is not "MM-DD HH:mm"`);
    this.name = 'FixtureTimeFormatError';
  }
}

export interface FixtureTimeOptions {
  now: Date;
  /** IANA zone the API rendered the time in; unknown zones are read as UTC, as the API does. */
  timeZone?: string;
}

export function parseFixtureTime(raw: string, { now, timeZone = 'UTC' }: FixtureTimeOptions): Date {
  const match = FIXTURE_TIME.exec(raw);
  if (!match) throw new FixtureTimeFormatError(raw);
  const [month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59)
    throw new FixtureTimeFormatError(raw);

  const zone = knownZone(timeZone);
  const year = now.getUTCFullYear();
  let best: Date | undefined;
  for (const candidateYear of [year - 1, year, year + 1]) {
    // 29 February only exists in leap years; Date.UTC would silently roll it into March.
    const calendar = new Date(Date.UTC(candidateYear, month - 1, day));
    if (calendar.getUTCMonth() !== month - 1) continue;
    const instant = zonedWallTimeToUtc(candidateYear, month, day, hour, minute, zone);
    if (!best || Math.abs(instant.getTime() - now.getTime()) < Math.abs(best.getTime() - now.getTime()))
      best = instant;
  }
  if (!best) throw new FixtureTimeFormatError(raw);
  return best;
}

function knownZone(zone: string): string {
  try {
    wallClock(new Date(0), zone);
    return zone;
  } catch {
    return 'UTC';
  }
}

/** How far `zone`'s wall clock is ahead of UTC at `instantMs`. */
function zoneOffsetMs(instantMs: number, zone: string): number {
  // What the API is asked for, and what unknown zones fall back to: no formatter needed.
  if (zone === 'UTC') return 0;
  const parts = wallClock(new Date(instantMs), zone);
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant at which `zone`'s clock reads the given wall time (DST-aware). */
export function zonedWallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): Date {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const firstGuess = wallAsUtc - zoneOffsetMs(wallAsUtc, zone);
  // Near a DST switch the offset at the guess can differ from the offset at the answer.
  const corrected = wallAsUtc - zoneOffsetMs(firstGuess, zone);
  return new Date(corrected);
}
