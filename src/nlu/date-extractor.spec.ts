import { DateExtractor } from './date-extractor';

// Dates are computed in the process's local calendar; jest runs with TZ=UTC.
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('DateExtractor', () => {
  const dates = new DateExtractor();
  const wednesday = at('2026-11-25');

  it.each([
    ['tomorrow', 'en', ['2026-11-26']],
    ['tonight', 'en', ['2026-11-25']],
    ['today', 'en', ['2026-11-25']],
    ['on Sunday', 'en', ['2026-11-29']],
    ['el domingo', 'es', ['2026-11-29']],
    ['mañana', 'es', ['2026-11-26']],
    ['esta noche', 'es', ['2026-11-25']],
    ['amanhã', 'pt_br', ['2026-11-26']],
    ['no sábado', 'pt_br', ['2026-11-28']],
    ['hoje à noite', 'pt_br', ['2026-11-25']],
  ] as const)('single day: %s', (text, language, expected) => {
    expect(dates.extract(text, language, wednesday)).toEqual(expected);
  });

  it.each([
    ['this weekend', 'en', ['2026-11-28', '2026-11-29']],
    ['este fin de semana', 'es', ['2026-11-28', '2026-11-29']],
    ['este fim de semana', 'pt_br', ['2026-11-28', '2026-11-29']],
    ['next weekend', 'en', ['2026-12-05', '2026-12-06']],
    ['next week', 'en', ['2026-11-30', '2026-12-06']],
    ['la próxima semana', 'es', ['2026-11-30', '2026-12-06']],
    ['semana que vem', 'pt_br', ['2026-11-30', '2026-12-06']],
    ['this week', 'en', ['2026-11-25', '2026-11-29']],
    ['midweek', 'en', ['2026-11-25', '2026-11-26']],
    ['this month', 'en', ['2026-11-25', '2026-11-30']],
    ['the next two weeks', 'en', ['2026-11-25', '2026-12-08']],
  ] as const)('range as first and last day: %s', (text, language, expected) => {
    expect(dates.extract(text, language, wednesday)).toEqual(expected);
  });

  describe('around week ends', () => {
    it('on a Saturday "this weekend" is today and tomorrow', () => {
      expect(dates.extract('this weekend', 'en', at('2026-11-28'))).toEqual(['2026-11-28', '2026-11-29']);
    });

    it('on a Sunday "this weekend" is today and "next week" starts tomorrow', () => {
      const sunday = at('2026-11-29');
      expect(dates.extract('this weekend', 'en', sunday)).toEqual(['2026-11-29']);
      expect(dates.extract('next week', 'en', sunday)).toEqual(['2026-11-30', '2026-12-06']);
    });

    it('after Thursday "midweek" means next week', () => {
      expect(dates.extract('midweek', 'en', at('2026-11-27'))).toEqual(['2026-12-01', '2026-12-03']);
    });

    it('on a Sunday "el sábado" is six days ahead', () => {
      expect(dates.extract('el sábado', 'es', at('2026-11-29'))).toEqual(['2026-12-05']);
    });
  });

  describe('around New Year', () => {
    const newYearsEve = at('2026-12-31');

    it('"tomorrow" crosses into the next year', () => {
      expect(dates.extract('tomorrow', 'en', newYearsEve)).toEqual(['2027-01-01']);
      expect(dates.extract('amanhã', 'pt_br', newYearsEve)).toEqual(['2027-01-01']);
    });

    it('"next week" and "this weekend" span the year boundary', () => {
      expect(dates.extract('next week', 'en', newYearsEve)).toEqual(['2027-01-04', '2027-01-10']);
      expect(dates.extract('this weekend', 'en', newYearsEve)).toEqual(['2027-01-02', '2027-01-03']);
      expect(dates.extract('el fin de semana', 'es', at('2026-12-30'))).toEqual(['2027-01-02', '2027-01-03']);
    });

    it('a January date asked in December is next year', () => {
      expect(dates.extract('on January 3', 'en', newYearsEve)).toEqual(['2027-01-03']);
    });

    it('"next month" in December is January', () => {
      expect(dates.extract('next month', 'en', at('2026-12-15'))).toEqual(['2027-01-01', '2027-01-31']);
    });
  });

  it('does not read stakes, lines or counts as days', () => {
    expect(dates.extract('apuesta 20 dólares al Barça', 'es', wednesday)).toEqual([]);
    expect(dates.extract('simula uma aposta de 10 reais', 'pt_br', wednesday)).toEqual([]);
    expect(dates.extract('over 2.5 goals', 'en', wednesday)).toEqual([]);
    expect(dates.extract('a 3-leg parlay for $10', 'en', wednesday)).toEqual([]);
  });

  it('reads numbers shaped like a date or a time, and not a bare stake, as days', () => {
    expect(dates.extract('what do I get back from 5 on Lazio', 'en', wednesday)).toEqual([]);
    expect(dates.extract('50 on Arsenal', 'en', wednesday)).toEqual([]);
    expect(dates.extract('the game on 12/05', 'en', wednesday)).toEqual(['2026-12-05']);
    expect(dates.extract('28th of November', 'en', wednesday)).toEqual(['2026-11-28']);
    expect(dates.extract('kick-off at 9pm', 'en', wednesday)).toEqual(['2026-11-25']);
    expect(dates.extract('el partido de las 9', 'es', wednesday)).toEqual(['2026-11-26']);
    expect(dates.extract('jogo às 21:00', 'pt_br', wednesday)).toEqual(['2026-11-25']);
    expect(dates.extract('o jogo de 28/11', 'pt_br', wednesday)).toEqual(['2026-11-28']);
  });

  it('returns nothing when no day is mentioned', () => {
    expect(dates.extract('odds for Arsenal vs Chelsea', 'en', wednesday)).toEqual([]);
  });
});
