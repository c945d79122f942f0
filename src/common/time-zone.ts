/** Zones already checked: a client sends the same one with every message. */
const known = new Map<string, boolean>();

/** True for an IANA time zone the runtime knows ("America/Bogota", "UTC"). */
export function isTimeZone(value: string): boolean {
  let valid = known.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      valid = value.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value);
    } catch {
      valid = false;
    }
    if (known.size < 1000) known.set(value, valid);
  }
  return valid;
}

export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** One formatter per zone: building an Intl formatter costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Clocks already read, by zone and instant. The web client sends its zone with every message, and
 * the answers and their checks read the kick-offs of the same matches turn after turn, where the
 * formatter costs more than the rest of the line. Bounded: cleared when full.
 */
const clocks = new Map<string, Readonly<WallClock>>();
const CLOCKS_MAX = 5_000;

/** What a clock in `zone` reads at `date` (throws RangeError for a zone the runtime does not know). */
export function wallClock(date: Date, zone: string): Readonly<WallClock> {
  const key = `${zone} ${date.getTime()}`;
  let clock = clocks.get(key);
  if (!clock) {
    clock = Object.freeze(readClock(date, zone));
    if (clocks.size >= CLOCKS_MAX) clocks.clear();
    clocks.set(key, clock);
  }
  return clock;
}

function readClock(date: Date, zone: string): WallClock {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}
