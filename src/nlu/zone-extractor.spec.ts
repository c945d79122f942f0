import { clockSpans, extractTimeZone, keptUserZone, PLACE_NAMES, readZones } from './zone-extractor';

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

  describe('where the user is, before or after the question', () => {
    it.each([
      ["i'm in Phoenix, when do the Suns tip off?", 'America/Phoenix'],
      ['im in cdmx, what time is the game', 'America/Mexico_City'],
      ['when is the next game? i live in Denver', 'America/Denver'],
      ['we are in Seattle', 'America/Los_Angeles'],
      ["i'm actually in Boston", 'America/New_York'],
      ['estoy en Medellín, ¿cuándo juega el Nacional?', 'America/Bogota'],
      ['¿a qué hora empieza? vivo en Guayaquil', 'America/Guayaquil'],
      ['te escribo desde Asunción', 'America/Asuncion'],
      ['ando en Monterrey, ¿a qué hora es?', 'America/Monterrey'],
      ['moro em Belém, que horas começa?', 'America/Belem'],
      ['que horas joga? tô em Rio Branco', 'America/Rio_Branco'],
      ['to em salvador e queria saber o horário', 'America/Bahia'],
      ['aqui em Curitiba passa que horas?', 'America/Sao_Paulo'],
      ['estou no Recife', 'America/Recife'],
      ['estou na Bahia', 'America/Bahia'],
      ['aqui no rio, quando joga?', 'America/Sao_Paulo'],
    ])('%s → %s', (text, zone) => {
      expect(extractTimeZone(text)).toBe(zone);
    });

    it('takes a clock named beside a time word over where the user is', () => {
      expect(extractTimeZone('vivo en Quito pero dime la hora de Madrid')).toBe('Europe/Madrid');
      expect(extractTimeZone('i live in Toronto, what time is that in Lisbon?')).toBe('Europe/Lisbon');
    });

    it('reads a place with the time asked after it as that clock', () => {
      expect(extractTimeZone('e em Lisboa, que horas?')).toBe('Europe/Lisbon');
      expect(extractTimeZone('and in Tokyo what time would that be')).toBe('Asia/Tokyo');
      expect(extractTimeZone('¿en Lima a qué hora empieza?')).toBe('America/Lima');
    });

    it('reads where the user is beside the clock asked', () => {
      expect(readZones('estoy en Lima, ¿a qué hora es en Madrid?')).toEqual({ zone: 'Europe/Madrid', userIs: 'America/Lima' });
      expect(readZones('im in Denver, when is it on?')).toEqual({ zone: 'America/Denver', userIs: 'America/Denver' });
      expect(readZones('what time in Tokyo?')).toEqual({ zone: 'Asia/Tokyo' });
      expect(readZones('odds for Chelsea')).toEqual({});
    });

    it('reads the initials of a city only in English', () => {
      expect(extractTimeZone("i'm in LA, when do the Clippers play?")).toBe('America/Los_Angeles');
      expect(extractTimeZone('what time is that in NY')).toBe('America/New_York');
      expect(extractTimeZone('send me the kickoff in SF time')).toBe('America/Los_Angeles');
      expect(extractTimeZone('estoy en la oficina, ¿a qué hora juegan?')).toBeUndefined();
      expect(extractTimeZone('¿a qué hora en la noche?')).toBeUndefined();
      expect(extractTimeZone('what time is the game in La Liga')).toBeUndefined();
    });

    it('reads where the user says they are from as their clock, and a club they support as none', () => {
      expect(extractTimeZone('quando o Bahia joga? sou de Recife')).toBe('America/Recife');
      expect(extractTimeZone('soy de Lima, ¿a qué hora es lo del Sporting Cristal?')).toBe('America/Lima');
      expect(extractTimeZone("i'm from Denver, what time do the Nuggets tip off?")).toBe('America/Denver');
      expect(extractTimeZone('sou do Fortaleza, quando joga?')).toBeUndefined();
      expect(extractTimeZone('soy del Madrid de toda la vida')).toBeUndefined();
    });

    it('reads nothing where the user is when the place is not one it knows', () => {
      expect(extractTimeZone("i'm in the pub, when do they play?")).toBeUndefined();
      expect(extractTimeZone('estoy en duda entre los dos')).toBeUndefined();
      expect(extractTimeZone('tô em dúvida, quem ganha?')).toBeUndefined();
    });
  });

  describe('places of their own zone', () => {
    it.each([
      ['hora de Cuiabá', 'America/Cuiaba'],
      ['horário de Fortaleza', 'America/Fortaleza'],
      ['fuso de Manaus', 'America/Manaus'],
      ['hora de Caracas', 'America/Caracas'],
      ['La Paz time', 'America/La_Paz'],
      ['hora de Santiago', 'America/Santiago'],
      ['Chicago time', 'America/Chicago'],
      ['what time is it in Los Angeles', 'America/Los_Angeles'],
      ['hora central', 'America/Chicago'],
      ['Central European time', 'Europe/Berlin'],
      ['Rome time', 'Europe/Rome'],
      ['horário de Porto Alegre', 'America/Sao_Paulo'],
      ['hora de El Salvador', 'America/El_Salvador'],
    ])('%s → %s', (text, zone) => {
      expect(extractTimeZone(text)).toBe(zone);
    });

    it('knows every place by a real IANA zone', () => {
      const zones = PLACE_NAMES.map((place) => [place, extractTimeZone(`hora de ${place}`)]);
      expect(zones.filter(([, zone]) => zone === undefined)).toEqual([]);
      // An unknown zone is a RangeError.
      for (const [, zone] of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    });
  });

  describe('Portuguese "time" is a team, not a clock', () => {
    it.each(['quando joga o time de Lisboa?', 'odds do time do Rio', 'qual o melhor time da Bahia', 'o time de Manaus joga hoje?'])(
      '%s',
      (text) => {
        expect(extractTimeZone(text)).toBeUndefined();
      },
    );

    it('while an English time still names a clock', () => {
      expect(extractTimeZone('what time in Lisbon?')).toBe('Europe/Lisbon');
      expect(extractTimeZone('the time in the UK please')).toBe('Europe/London');
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
      // A language is no place, even after "in" beside a question about the time.
      'what time does it start? answer in Spanish',
      'a que horas começa, em português por favor',
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
    expect(spelled('a las 8, hora de Madrid o hora argentina')).toEqual(['hora de Madrid', 'hora argentina']);
  });

  it('finds the place where the user says they are', () => {
    expect(spelled('when do the Red Bulls play? im in Mexico City')).toEqual(['Mexico City']);
    expect(spelled('moro em São Paulo, quando tem jogo?')).toEqual(['São Paulo']);
    expect(spelled('i live in LA, Galaxy or LAFC?')).toEqual(['LA']);
  });

  it('finds none where no place stands beside the time word', () => {
    expect(clockSpans('what time does Chelsea play in the Premier League')).toEqual([]);
    expect(clockSpans('odds for Chile tonight')).toEqual([]);
  });
});

describe('a place said on its own right after a kick-off question', () => {
  it('is the clock asked again', () => {
    expect(extractTimeZone('and in Nairobi?', 'and in Nairobi?', true)).toBe('Africa/Nairobi');
    expect(extractTimeZone('¿y en Madrid?', '¿y en Madrid?', true)).toBe('Europe/Madrid');
    expect(clockSpans('e em Lisboa?', true)).toEqual([[5, 11]]);
  });

  it('is nothing without that question, or with more said', () => {
    expect(extractTimeZone('and in Nairobi?')).toBeUndefined();
    expect(extractTimeZone('and in Madrid who is the favourite?', 'and in Madrid who is the favourite?', true)).toBeUndefined();
  });

  it('reads the new abbreviations in capitals', () => {
    expect(extractTimeZone('kick-off in IST please', 'kick-off in IST please')).toBe('Asia/Kolkata');
    expect(extractTimeZone('send it in WAT', 'send it in WAT')).toBe('Africa/Lagos');
  });
});

describe('keptUserZone', () => {
  const tokyo = { zone: 'Asia/Tokyo', stated: false };
  const lima = { zone: 'America/Lima', stated: true };

  it('keeps where the user said they are over any clock asked later', () => {
    expect(keptUserZone({ zone: 'Europe/Madrid' }, lima)).toBe(lima);
    expect(keptUserZone({ zone: 'America/Lima', userIs: 'America/Lima' }, tokyo)).toEqual(lima);
  });

  it('keeps the first clock asked when the user said nowhere', () => {
    expect(keptUserZone({ zone: 'Asia/Tokyo' }, undefined)).toEqual(tokyo);
    expect(keptUserZone({ zone: 'Australia/Sydney' }, tokyo)).toBe(tokyo);
    expect(keptUserZone({}, undefined)).toBeUndefined();
  });
});
