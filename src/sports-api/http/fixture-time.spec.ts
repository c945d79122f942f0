import { FixtureTimeFormatError, parseFixtureTime } from './fixture-time';

const at = (iso: string) => new Date(iso);

describe('parseFixtureTime', () => {
  it('reads "MM-DD HH:mm" in UTC with the current year', () => {
    expect(parseFixtureTime('09-20 14:00', { now: at('2025-09-18T10:00:00Z') }).toISOString()).toBe(
      '2025-09-20T14:00:00.000Z',
    );
  });

  it('keeps a fixture that started a few hours ago in the current year', () => {
    expect(parseFixtureTime('09-18 08:30', { now: at('2025-09-18T10:00:00Z') }).toISOString()).toBe(
      '2025-09-18T08:30:00.000Z',
    );
  });

  it('puts an early-January fixture seen on 30 December into next year', () => {
    expect(parseFixtureTime('01-02 20:00', { now: at('2025-12-30T12:00:00Z') }).toISOString()).toBe(
      '2026-01-02T20:00:00.000Z',
    );
  });

  it('puts a late-December fixture seen on 2 January into last year', () => {
    expect(parseFixtureTime('12-30 18:00', { now: at('2026-01-02T09:00:00Z') }).toISOString()).toBe(
      '2025-12-30T18:00:00.000Z',
    );
  });

  it('handles New Year’s Eve midnight exactly', () => {
    expect(parseFixtureTime('01-01 00:00', { now: at('2025-12-31T23:59:00Z') }).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(parseFixtureTime('12-31 23:30', { now: at('2026-01-01T00:10:00Z') }).toISOString()).toBe(
      '2025-12-31T23:30:00.000Z',
    );
  });

  it('places 29 February only in a leap year', () => {
    expect(parseFixtureTime('02-29 15:00', { now: at('2028-02-20T00:00:00Z') }).toISOString()).toBe(
      '2028-02-29T15:00:00.000Z',
    );
    // Seen in December 2027 (a year with no 29 February), the nearest real one is in 2028.
    expect(parseFixtureTime('02-29 15:00', { now: at('2027-12-01T00:00:00Z') }).toISOString()).toBe(
      '2028-02-29T15:00:00.000Z',
    );
  });

  it('reads the wall time in the requested time zone', () => {
    // Bogotá is UTC−5 all year.
    expect(
      parseFixtureTime('09-20 14:00', {
        now: at('2025-09-18T00:00:00Z'),
        timeZone: 'America/Bogota',
      }).toISOString(),
    ).toBe('2025-09-20T19:00:00.000Z');
    // Madrid is UTC+2 in summer, UTC+1 in winter.
    expect(
      parseFixtureTime('07-01 21:00', {
        now: at('2025-06-20T00:00:00Z'),
        timeZone: 'Europe/Madrid',
      }).toISOString(),
    ).toBe('2025-07-01T19:00:00.000Z');
    expect(
      parseFixtureTime('12-01 21:00', {
        now: at('2025-11-20T00:00:00Z'),
        timeZone: 'Europe/Madrid',
      }).toISOString(),
    ).toBe('2025-12-01T20:00:00.000Z');
  });

  it('crosses New Year in a zone ahead of UTC', () => {
    // 00:30 on 1 January in Tokyo (UTC+9) is still 31 December in UTC.
    expect(
      parseFixtureTime('01-01 00:30', {
        now: at('2025-12-31T10:00:00Z'),
        timeZone: 'Asia/Tokyo',
      }).toISOString(),
    ).toBe('2025-12-31T15:30:00.000Z');
  });

  it('reads an unknown zone as UTC, as the API does', () => {
    expect(
      parseFixtureTime('09-20 14:00', {
        now: at('2025-09-18T00:00:00Z'),
        timeZone: 'Mars/Olympus',
      }).toISOString(),
    ).toBe('2025-09-20T14:00:00.000Z');
  });

  it.each(['2025-09-20 14:00', '13-01 10:00', '09-20', '09-32 10:00', '09-20 24:00', ''])(
    'rejects %p',
    (raw) => {
      expect(() => parseFixtureTime(raw, { now: at('2025-09-18T00:00:00Z') })).toThrow(
        FixtureTimeFormatError,
      );
    },
  );
});
