import { facingTeam, readUnknown, readUnofferedMarket } from './coverage-reader';

const nothing = { teams: 0, tournaments: [] as string[], ambiguous: 0 };

describe('readUnknown', () => {
  describe('sports the sportsbook does not offer', () => {
    it.each([
      ['any NHL games tonight?', 'NHL'],
      ['odds on the tennis final', 'tennis'],
      ['¿hay apuestas de Fórmula 1?', 'Fórmula 1'],
      ['tem jogo de vôlei hoje?', 'vôlei'],
      ['quiero apostar al boxeo', 'boxeo'],
    ])('%s → sport %s', (text, name) => {
      expect(readUnknown(text, nothing)).toEqual({ kind: 'sport', name });
    });
  });

  it('a well-known club the resolver found elsewhere, wherever it sits in the sentence', () => {
    // The resolver blanked the club's name; it hands the name over.
    expect(readUnknown('          next match?', { ...nothing, elsewhere: ['Galatasaray'] })).toEqual({ kind: 'team', name: 'Galatasaray' });
    expect(readUnknown('odds for        ', { ...nothing, teams: 1, elsewhere: ['Everton'] })).toBeUndefined();
    expect(readUnknown('         or        ?', { ...nothing, elsewhere: ['Fulham', 'Burnley'] })).toEqual({
      kind: 'team',
      name: 'Fulham',
      others: ['Burnley'],
    });
  });

  it('a club not offered wins over the competition it is said to play in', () => {
    expect(readUnknown('is        top of the scottish prem?', { ...nothing, elsewhere: ['Rangers'] }, 'is Rangers top of the scottish prem?')).toEqual({
      kind: 'team',
      name: 'Rangers',
    });
    expect(readUnknown('does       play in the      ?', { ...nothing, tournaments: ['Premier League'], elsewhere: ['Everton'] })).toEqual({
      kind: 'team',
      name: 'Everton',
    });
  });

  it('the name on the other side of a "vs" from a club not offered is not offered either, in the order written', () => {
    expect(readUnknown('odds Belgrano vs               ', { ...nothing, elsewhere: ['Talleres'] })).toEqual({
      kind: 'team',
      name: 'Belgrano',
      others: ['Talleres'],
    });
    expect(readUnknown('          x belgrano hoje?', { ...nothing, elsewhere: ['Talleres'] })).toEqual({
      kind: 'team',
      name: 'Talleres',
      others: ['Belgrano'],
    });
  });

  it('a club not offered set against an offered team is said, with that team kept', () => {
    const found = { ...nothing, teams: 1, elsewhere: ['Feyenoord'], facing: 'PSV Eindhoven' };
    expect(readUnknown('     v           prices', found)).toEqual({ kind: 'team', name: 'Feyenoord', facing: 'PSV Eindhoven' });
    const text = 'PSV v Feyenoord prices';
    const psv = { name: 'PSV Eindhoven', start: 0, end: 3 };
    expect(facingTeam(text, [psv], [{ start: 6, end: 15 }])).toBe('PSV Eindhoven');
    expect(facingTeam('PSV and then Feyenoord', [psv], [{ start: 13, end: 22 }])).toBeUndefined();
  });

  it('a name it does not know set against the one offered team is not offered, with that team kept', () => {
    expect(readUnknown('odds for       vs Belgrano', { ...nothing, teams: 1, facing: 'Boca Juniors' })).toEqual({
      kind: 'team',
      name: 'Belgrano',
      facing: 'Boca Juniors',
    });
    expect(readUnknown('       vs        odds', { ...nothing, teams: 1, facing: 'Boca Juniors' })).toBeUndefined();
    expect(readUnknown('       - to win', { ...nothing, teams: 1, facing: 'Arsenal' })).toBeUndefined();
    expect(facingTeam('Boca vs Belgrano', [{ name: 'Boca Juniors', start: 0, end: 4 }], [])).toBe('Boca Juniors');
  });

  describe('athletes of sports not offered, and the sport when it is named', () => {
    it.each([
      ['¿cuánto pagan por Sinner mañana?', { kind: 'athlete', name: 'Jannik Sinner' }],
      ['odds on verstappen this sunday', { kind: 'athlete', name: 'Max Verstappen' }],
      ['tennis odds for Sinner', { kind: 'sport', name: 'tennis' }],
    ])('%s', (text, subject) => {
      expect(readUnknown(text, nothing)).toEqual(subject);
    });
  });

  describe('competitions qualified by a country the catalogue lacks', () => {
    it.each([
      ['fixtures of the Turkish Süper Lig', 'Turkish Süper Lig'],
      ['partidos de la liga argentina', 'liga argentina'],
      ['jogos do campeonato português', 'campeonato português'],
      ['anything in the Scottish Premiership?', 'Scottish Premiership'],
      ['hay fechas de la liga betplay?', 'liga betplay'],
      ['any euroleague games this week?', 'euroleague'],
      ['tem jogos da série C?', 'série C'],
      ['cuotas de la Ligue 2', 'Ligue 2'],
    ])('%s → competition %s', (text, name) => {
      expect(readUnknown(text, nothing)).toEqual({ kind: 'competition', name });
    });

    it('even when the resolver fitted an offered tournament to the league word', () => {
      // The resolver blanks what it matched ("liga" → La Liga); the qualifier is in the original.
      expect(readUnknown('partidos de la  argentina', { ...nothing, tournaments: ['La Liga'] }, 'partidos de la liga argentina')).toEqual({
        kind: 'competition',
        name: 'liga argentina',
      });
      expect(
        readUnknown('odds in the Turkish ', { ...nothing, tournaments: ['Premier League'] }, 'odds in the Turkish Premier League'),
      ).toEqual({ kind: 'competition', name: 'Turkish Premier League' });
    });

    it('not when the qualifier belongs to the offered tournament', () => {
      expect(
        readUnknown('quem lidera a ?', { ...nothing, tournaments: ['Liga Portuguesa'] }, 'quem lidera a liga portuguesa?'),
      ).toBeUndefined();
      expect(
        readUnknown('fixtures of the ', { ...nothing, tournaments: ['Liga Argentina'] }, 'fixtures of the liga argentina'),
      ).toBeUndefined();
    });

    it('not when teams were found', () => {
      expect(readUnknown('odds for  in the liga argentina', { ...nothing, teams: 1 })).toBeUndefined();
    });
  });

  describe('an unknown team where a team name goes', () => {
    it.each([
      ['odds for Sunderland tonight', 'Sunderland'],
      ['odds for the hearts please', 'Hearts'],
      ['when do Crystal Palace play next?', 'Crystal Palace'],
      ['cuotas del Olimpia', 'Olimpia'],
      ['¿cuándo juega el Cerro Porteño?', 'Cerro Porteño'],
      ['quando joga o Náutico?', 'Náutico'],
      ['quando jogam os Sampaio Corrêa?', 'Sampaio Corrêa'],
      ['odds do Vitória amanhã', 'Vitória'],
      ['next game of Livingston?', 'Livingston'],
      ['partido del Mirandés mañana', 'Mirandés'],
      ['tem partida do Goiás hoje?', 'Goiás'],
      ['is Kilmarnock on your list?', 'Kilmarnock'],
    ])('%s → team %s', (text, name) => {
      expect(readUnknown(text, nothing)).toEqual({ kind: 'team', name });
    });
  });

  describe('no unknown subject', () => {
    it('when the catalogue found a team, a tournament or a namesake', () => {
      expect(readUnknown('odds for  tonight', { ...nothing, teams: 1 })).toBeUndefined();
      expect(readUnknown('fixtures of the  this week', { ...nothing, tournaments: ['Bundesliga'] })).toBeUndefined();
      expect(readUnknown('odds for  please', { ...nothing, ambiguous: 1 })).toBeUndefined();
    });

    it.each([
      'odds for tonight',
      'when do they play next?',
      'odds for the weekend',
      'cuotas para hoy',
      'quando jogam amanhã?',
      'hi, how are you?',
      'what can you do?',
      'the game of the week?',
      'jogo do dia',
      'partido de hoy',
      'partidos de la semana',
      // A market where a team name goes is no team.
      'points total line?',
      'goals line?',
      'cuotas del total de puntos',
    ])('%s', (text) => {
      expect(readUnknown(text, nothing)).toBeUndefined();
    });
  });
});

describe('readUnofferedMarket', () => {
  it.each([
    ['how many corners in the derby?', 'corners'],
    ['any yellow card bets for Lazio?', 'yellow card'],
    ['tem cartão amarelo no jogo?', 'cartão amarelo'],
    ['who scores first tonight', 'who scores first'],
    ['ht/ft on the Lyon game', 'ht/ft'],
    ['cuántos córners habrá', 'córners'],
    ['odds de escanteios?', 'escanteios'],
    ['apuestas de tarjetas', 'tarjetas'],
    ['anytime goalscorer odds', 'anytime goalscorer'],
    ['is there draw no bet?', 'draw no bet'],
    ['placar exato do jogo', 'placar exato'],
  ])('%s → %s', (text, phrase) => {
    expect(readUnofferedMarket(text)).toBe(phrase);
  });

  it.each(['over 2.5 goals odds', 'both teams to score?', 'doble oportunidad', 'handicap asiático', 'quem vence?', 'odds for the draw'])(
    'no phrase for an offered market: %s',
    (text) => {
      expect(readUnofferedMarket(text)).toBeUndefined();
    },
  );
});
