import { readFigures, readNumber, renderLike } from './figure-reader';

const kinds = (text: string, language: 'en' | 'es' | 'pt_br' = 'en') =>
  readFigures(text, language).map((f) => [f.kind, f.value]);

describe('readNumber', () => {
  it('reads money the way the language writes it', () => {
    expect(readNumber('1.850,00', 'pt_br', true).value).toBe(1850);
    expect(readNumber('1.850,00', 'en', true).value).toBe(1850);
    expect(readNumber('1,850.00', 'es', true).value).toBe(1850);
    // One mark and three digits: the language decides.
    expect(readNumber('1.850', 'pt_br', true).value).toBe(1850);
    expect(readNumber('1.850', 'es', true).value).toBe(1850);
    expect(readNumber('1.850', 'en', true).value).toBe(1.85);
    expect(readNumber('1,850', 'en', true).value).toBe(1850);
    expect(readNumber('1,850', 'es', true).value).toBe(1.85);
    expect(readNumber('105,50', 'es', true)).toEqual({ value: 105.5, decimals: 2, decimalMark: ',' });
    expect(readNumber('1.234.567', 'pt_br', true).value).toBe(1234567);
  });

  it('reads a price with a dot as a decimal in every language, and with a comma outside English', () => {
    expect(readNumber('3.885', 'es', false).value).toBe(3.885);
    expect(readNumber('3,885', 'pt_br', false).value).toBe(3.885);
    expect(readNumber('2,10', 'en', false).value).toBe(2.1);
    expect(readNumber('20', 'en', false)).toEqual({ value: 20, decimals: 0 });
  });
});

describe('readFigures', () => {
  it('classifies prices, amounts, percentages and times', () => {
    expect(kinds('Arsenal 2.10 (47.6% implied); $50 returns $105.00 at 20:00 UTC.')).toEqual([
      ['price', 2.1],
      ['percent', 47.6],
      ['amount', 50],
      ['amount', 105],
      ['time', 20 * 60],
    ]);
    expect(kinds('Com R$ 1.850,00 a 1,85', 'pt_br')).toEqual([
      ['amount', 1850],
      ['price', 1.85],
    ]);
    expect(kinds('Stake 1,000.00 PEN, 50 USD or 20 reais')).toEqual([
      ['amount', 1000],
      ['amount', 50],
      ['amount', 20],
    ]);
  });

  it('reads the clocks people write, and the zone named after one', () => {
    const times = (text: string) => readFigures(text, 'en').map((f) => [f.value, f.zone]);
    expect(times('at 8:30 pm, 9 AM, 20h, 20h30 and 07:05')).toEqual([
      [20 * 60 + 30, undefined],
      [9 * 60, undefined],
      [20 * 60, undefined],
      [20 * 60 + 30, undefined],
      [7 * 60 + 5, undefined],
    ]);
    expect(times('hoje às 17:00 (America/Sao Paulo)')).toEqual([[17 * 60, 'America/Sao_Paulo']]);
    expect(times('at 20:00 UTC')).toEqual([[20 * 60, 'UTC']]);
    expect(times('at 20:00 (hora de Bogotá)')).toEqual([[20 * 60, undefined]]);
  });

  it('reads a colon as a clock only between an hour of one or two digits and two minute digits', () => {
    const clocks = (text: string) => readFigures(text, 'en').map((f) => [f.kind, text.slice(f.start, f.end)]);
    expect(clocks('kick-off 9:05 p.m. then 21:05, not 121:05, 9:055, 9:5, T21:05, t9:05 or .21:05')).toEqual([
      ['time', '9:05 p.m.'],
      ['time', '21:05'],
    ]);
    // The second colon of 21:05:30 is the minutes' own: the seconds are no clock.
    expect(clocks('logged 21:05:30 and 7:45am, at 4.20')).toEqual([
      ['time', '21:05'],
      ['time', '7:45am'],
      ['price', '4.20'],
    ]);
  });

  it('leaves out what states no fact: counts, dates, lines, handicaps, words with digits, examples', () => {
    expect(kinds('12 matches, Sat 29 Nov, 2026-11-29, 29/11, 1X2, U21, 2-1')).toEqual([]);
    expect(kinds('Over 2.5 at 1.85, más de 2,5, Arsenal -0.5, +1.5, 3.5 goals', 'es')).toEqual([
      ['price', 1.85],
    ]);
    expect(kinds('a positive amount, like 10 or 25.50')).toEqual([]);
    expect(kinds('por ejemplo 10 o 25,50', 'es')).toEqual([]);
  });
});

describe('renderLike', () => {
  const figure = (text: string, language: 'en' | 'es' | 'pt_br' = 'en') => readFigures(text, language)[0];

  it('writes the fact with the marks and decimals of the figure it replaces', () => {
    expect(renderLike(figure('R$ 1.580,00', 'pt_br'), 1850, 'pt_br')).toBe('1.850,00');
    expect(renderLike(figure('$1,580.00'), 1850, 'en')).toBe('1,850.00');
    expect(renderLike(figure('$115'), 105, 'en')).toBe('105');
    expect(renderLike(figure('$115'), 92.5, 'en')).toBe('92.50');
    expect(renderLike(figure('cuota 3,40', 'es'), 2.1, 'es')).toBe('2,10');
    expect(renderLike(figure('= 3.90'), 3.885, 'en')).toBe('3.885');
    expect(renderLike(figure('65%'), 100 / 2.1, 'en')).toBe('47.6%');
  });

  it('writes a time on the clock the figure used', () => {
    expect(renderLike(figure('at 20:00'), 15 * 60, 'en')).toBe('15:00');
    expect(renderLike(figure('at 8 pm'), 15 * 60, 'en')).toBe('3 pm');
    expect(renderLike(figure('at 8:00 PM'), 9 * 60 + 30, 'en')).toBe('9:30 AM');
    expect(renderLike(figure('às 20h', 'pt_br'), 17 * 60, 'pt_br')).toBe('17h');
  });
});
