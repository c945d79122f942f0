import { kickoff } from './format';

describe('kickoff in a zone', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the same kick-off the same way every time it is asked', () => {
    jest.setSystemTime(new Date('2026-11-25T15:00:00Z'));
    const first = kickoff('2026-11-28T20:00:00.000Z', 'en', '2026-11-25', 'Asia/Kolkata');
    expect(first).toBe('Sun 29 Nov, 01:30 (Asia/Kolkata)');
    expect(kickoff('2026-11-28T20:00:00.000Z', 'en', '2026-11-25', 'Asia/Kolkata')).toBe(first);
    expect(kickoff('2026-11-28T20:00:00.000Z', 'es', '2026-11-25', 'America/Sao_Paulo')).toBe(
      'sáb 28 nov, 17:00 (America/Sao Paulo)',
    );
  });

  it('moves today and tomorrow on at the zone’s midnight, not a minute later', () => {
    // 02:59 UTC is 23:59 in São Paulo (UTC−3): the match at 22:00 UTC the next day is tomorrow there.
    jest.setSystemTime(new Date('2026-11-25T02:59:00Z'));
    const match = '2026-11-25T22:00:00.000Z';
    expect(kickoff(match, 'en', '2026-11-25', 'America/Sao_Paulo')).toBe('tomorrow at 19:00 (America/Sao Paulo)');
    jest.setSystemTime(new Date('2026-11-25T02:59:59Z'));
    expect(kickoff(match, 'en', '2026-11-25', 'America/Sao_Paulo')).toBe('tomorrow at 19:00 (America/Sao Paulo)');
    jest.setSystemTime(new Date('2026-11-25T03:00:00Z'));
    expect(kickoff(match, 'en', '2026-11-25', 'America/Sao_Paulo')).toBe('today at 19:00 (America/Sao Paulo)');
  });

  it('moves on at a half-hour zone’s midnight too', () => {
    // 18:30 UTC is midnight in Kolkata (UTC+5:30).
    const match = '2026-11-26T14:30:00.000Z';
    jest.setSystemTime(new Date('2026-11-25T18:29:30Z'));
    expect(kickoff(match, 'en', '2026-11-25', 'Asia/Kolkata')).toBe('tomorrow at 20:00 (Asia/Kolkata)');
    jest.setSystemTime(new Date('2026-11-25T18:30:00Z'));
    expect(kickoff(match, 'en', '2026-11-25', 'Asia/Kolkata')).toBe('today at 20:00 (Asia/Kolkata)');
  });
});
