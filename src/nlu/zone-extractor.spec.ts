import { clockSpans, extractTimeZone } from './zone-extractor';

describe('extractTimeZone', () => {
  describe('a place beside a time word, in en/es/pt', () => {
    it.each([
      ['show me the kick-off in Argentina time', 'America/Argentina/Buenos_Aires'],
      ['what time is the match, Chile time?', 'America/Santiago'],
      ['Lisbon time please', 'Europe/Lisbon'],
      ['give me the times in Pacific time', 'America/Los_Angeles'],
      ['¿a qué hora es en hora de Colombia?', 'America/Bogota'],
      ['ponlo en hora peninsular', 'Europe/Madrid'],
      ['dime el horario de México', 'America/Mexico_City'],
      ['qual o horário de Brasília do jogo?', 'America/Sao_Paulo'],
      ['me passa no fuso de Portugal', 'Europe/Lisbon'],
      ['hora de Montevideo', 'America/Montevideo'],
    ])('%s → %s', (text, zone) => {
      expect(extractTimeZone(text)).toBe(zone);
    });
  });

  describe('abbreviations', () => {
    it.each([
      ['kick-off in CET?', 'Europe/Berlin'],
      ['what is that in EST', 'America/New_York'],
      ['send it in PST', 'America/Los_Angeles'],
      ['a que horas em BRT?', 'America/Sao_Paulo'],
      ['UTC please', 'UTC'],
    ])('%s → %s in capitals', (text, zone) => {
      expect(extractTimeZone(text)).toBe(zone);
    });

    it('reads a lowercase abbreviation only beside a time word', () => {
      expect(extractTimeZone('cet time please')).toBe('Europe/Berlin');
      expect(extractTimeZone('what is the pst time')).toBe('America/Los_Angeles');
      // "est" and "art" are ordinary words in Spanish and English.
      expect(extractTimeZone('est es el mejor partido')).toBeUndefined();
      expect(extractTimeZone('the art of betting')).toBeUndefined();
    });
  });

  describe('no time zone', () => {
    it.each([
      'odds for Chile vs Peru',
      'cuotas de Colombia contra Ecuador',
      'quem ganha, Brasil ou Portugal?',
      'best bets for tonight',
      '¿cuándo juega el Sevilla?',
      'quanto paga a vitória do Grêmio?',
      'hello there',
      '',
    ])('%s', (text) => {
      expect(extractTimeZone(text)).toBeUndefined();
    });
  });
});

describe('clockSpans', () => {
  const spelled = (text: string) => clockSpans(text).map(([start, end]) => text.slice(start, end));

  it('finds every place named beside a time word, where it is written', () => {
    expect(spelled('Knicks tip-off in New York time?')).toEqual(['New York time']);
    expect(spelled('a las 8, hora de Madrid o hora argentina')).toEqual(['hora argentina', 'hora de Madrid']);
  });

  it('finds none where no place stands beside the time word', () => {
    expect(clockSpans('what time does Chelsea play in the Premier League')).toEqual([]);
    expect(clockSpans('odds for Chile tonight')).toEqual([]);
  });
});
