import { isTimeZone, wallClock } from './time-zone';

describe('wallClock', () => {
  it("reads an instant on a zone's clock, across a day and a half-hour offset", () => {
    const instant = new Date('2026-11-25T18:45:30Z');
    expect(wallClock(instant, 'America/Sao_Paulo')).toEqual({ year: 2026, month: 11, day: 25, hour: 15, minute: 45, second: 30 });
    expect(wallClock(instant, 'Asia/Kolkata')).toEqual({ year: 2026, month: 11, day: 26, hour: 0, minute: 15, second: 30 });
  });

  it('gives one shared, unchangeable reading for the same zone and instant', () => {
    const first = wallClock(new Date('2026-12-06T10:00:00Z'), 'Europe/Madrid');
    expect(wallClock(new Date('2026-12-06T10:00:00Z'), 'Europe/Madrid')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(wallClock(new Date('2026-12-06T10:00:00Z'), 'Europe/Lisbon').hour).toBe(10);
    expect(first.hour).toBe(11);
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => wallClock(new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
