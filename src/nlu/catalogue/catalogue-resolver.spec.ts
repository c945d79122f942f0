import type { Catalogue } from '../../sports-api/domain';
import { CatalogueResolver, typoSimilarity } from './catalogue-resolver';
import { seedCatalogue } from './seed-catalogue';

describe('CatalogueResolver', () => {
  const resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
  const teams = (text: string) => resolver.findTeams(text).map((m) => m.name);
  const tournaments = (text: string) => resolver.findTournaments(text).map((m) => m.name);

  describe('canonical names, accents, case and possessives', () => {
    it.each([
      ["When is Sevilla's next game?", ['Sevilla']],
      ['SEVILLA vs valencia', ['Sevilla', 'Valencia']],
      ['Atlético de Madrid x São Paulo', ['Atletico Madrid', 'Sao Paulo']],
      ['paris saint germain or PARIS SAINT-GERMAIN', ['Paris Saint-Germain']],
      ['Club América vs Chivas', ['Club America', 'Chivas']],
    ])('%s', (text, expected) => {
      expect(teams(text)).toEqual(expected);
    });
  });

  describe('nicknames in en/es/pt', () => {
    it.each([
      ['Barça', 'Barcelona'],
      ['barca tonight', 'Barcelona'],
      ['the blaugrana', 'Barcelona'],
      ['Man Utd', 'Manchester United'],
      ['red devils', 'Manchester United'],
      ['man city', 'Manchester City'],
      ['Spurs', 'Tottenham Hotspur'],
      ['PSG', 'Paris Saint-Germain'],
      ['juve', 'Juventus'],
      ['Atleti', 'Atletico Madrid'],
      ['los colchoneros', 'Atletico Madrid'],
      ['los merengues', 'Real Madrid'],
      ['los blancos', 'Real Madrid'],
      ['Mengão', 'Flamengo'],
      ['mengao', 'Flamengo'],
      ['Verdão', 'Palmeiras'],
      ['Timão', 'Corinthians'],
      ['milan', 'AC Milan'],
      ['roma', 'AS Roma'],
      ['bayern', 'Bayern Munich'],
      ['BVB', 'Borussia Dortmund'],
      ['Lyon', 'Olympique Lyonnais'],
      ['Xeneizes', 'Boca Juniors'],
      ['gladbach', 'Borussia Monchengladbach'],
      ['Fogão', 'Botafogo'],
      ['rayados', 'Monterrey'],
      ['knicks', 'New York Knicks'],
      ['las águilas', 'Club America'],
      ['as águias', 'Benfica'],
      ['Milão', 'AC Milan'],
    ])('%s → %s', (text, expected) => {
      expect(teams(text)).toEqual([expected]);
    });

    it.each([
      ['UCL', 'Champions League'],
      ['liga de campeones', 'Champions League'],
      ['la Champions', 'Champions League'],
      ['EPL', 'Premier League'],
      ['the premier', 'Premier League'],
      ['laliga', 'La Liga'],
      ['la liga', 'La Liga'],
      ['serie a', 'Serie A'],
      ['Brasileirão', 'Brasileirao'],
      ['libertadores', 'Copa Libertadores'],
      ['liga mx', 'Liga MX'],
      ['MLS', 'MLS'],
      ['nba', 'NBA'],
    ])('%s → %s', (text, expected) => {
      expect(tournaments(text)).toEqual([expected]);
    });
  });

  describe('disambiguation', () => {
    it('prefers the longest name: "Inter Miami" is not Inter', () => {
      expect(teams('Inter Miami vs LA Galaxy')).toEqual(['Inter Miami', 'LA Galaxy']);
      expect(teams('inter vs milan')).toEqual(['Inter', 'AC Milan']);
    });

    it('reads "la liga mx" as Liga MX, not La Liga', () => {
      expect(tournaments('resultados de la liga mx del sábado')).toEqual(['Liga MX']);
    });

    it('does not read "Copa América" or "South America" as Club America', () => {
      expect(teams('¿Cuándo empieza la próxima Copa América?')).toEqual([]);
      expect(teams('best teams in South America')).toEqual([]);
    });

    it('trusts ordinary-word nicknames only when the message is about sport', () => {
      expect(teams('City vs Villa')).toEqual(['Manchester City', 'Aston Villa']);
      expect(teams('odds for united tonight')).toEqual(['Manchester United']);
      // Written as a name, "United" fits several clubs: no guess, the answer asks which.
      expect(teams('odds for United tonight')).toEqual([]);
      expect(resolver.find('odds for United tonight').ambiguous[0].candidates).toEqual(
        expect.arrayContaining(['Manchester United', 'Newcastle United']),
      );
      expect(teams('what city do you live in')).toEqual([]);
      expect(teams('we walked along the river to a small villa')).toEqual([]);
      expect(teams('the united nations met in america')).toEqual([]);
    });

    it('reads a city written in capitals as its initials as a question among its clubs', () => {
      const clubs = (text: string) => resolver.find(text).ambiguous.map((a) => a.candidates);
      expect(clubs('is LA at home on Sunday?')).toEqual([['Los Angeles Lakers', 'LA Galaxy', 'LAFC']]);
      expect(teams('is LA at home on Sunday?')).toEqual([]);
      expect(clubs('cuotas del NY para el sábado')).toEqual([['New York City FC', 'New York Knicks']]);
      // Lowercase it is the article, and a full name is no question.
      expect(clubs('la cuota de la final')).toEqual([]);
      expect(clubs('LA Galaxy at home on Sunday?')).toEqual([]);
    });

    it('asks about the shared words even when a club is named from inside them', () => {
      const found = resolver.find('price on los angeles this week');
      expect(found.teams).toEqual([]);
      expect(found.ambiguous.map((a) => a.mention)).toEqual(['los angeles']);
    });

    it('keeps a namesake question beside a named opponent that both namesakes play', () => {
      const found = resolver.find('Madrid vs Sevilla');
      expect(found.teams.map((t) => t.name)).toEqual(['Sevilla']);
      expect(found.ambiguous[0].candidates).toEqual(['Real Madrid', 'Atletico Madrid']);
    });

    it('names the offered team closest to a misspelling too far off to read as that team', () => {
      expect(teams('odds for Barsalona')).toEqual([]);
      expect(resolver.closestTeam('Barsalona')).toBe('Barcelona');
      expect(resolver.closestTeam('Livrepol')).toBe('Liverpool');
      expect(resolver.closestTeam('Sunderland')).toBeUndefined();
      expect(resolver.closestTeam('Ajax')).toBeUndefined();
      // Two letters off in five is another club, not a slip of an alias ("barca").
      expect(resolver.closestTeam('Bahia')).toBeUndefined();
    });

    it('does not turn a city into a club ("weather in Madrid")', () => {
      expect(teams('what will the weather be like in Madrid on Saturday')).toEqual([]);
      expect(teams('el Madrid juega hoy')).toEqual(['Real Madrid']);
    });

    it('finds basketball teams by their nickname but not ordinary words that name a team', () => {
      expect(teams('Lakers vs Celtics tonight')).toEqual(['Los Angeles Lakers', 'Boston Celtics']);
      expect(teams('sitting out in the heat and the thunder while the suns set')).toEqual([]);
      expect(teams('a tenner on the heat, thunder at home')).toEqual(['Miami Heat', 'Oklahoma City Thunder']);
      expect(tournaments('who is in the Club World Cup')).toEqual(['FIFA Club World Cup']);
    });

    it('gives a tournament span to the tournament, not to a team', () => {
      const found = resolver.find('Inter Miami in the MLS');
      expect(found.teams.map((m) => m.name)).toEqual(['Inter Miami']);
      expect(found.tournaments.map((m) => m.name)).toEqual(['MLS']);
    });
  });

  describe('everyday betting talk', () => {
    it.each([
      ['manda 30 pro barça agora', ['Barcelona']],
      ['manda bala nessa', []],
      ['mete 10 no palmeiras', ['Palmeiras']],
      ['dale, ponle 40 al boca', ['Boca Juniors']],
      ['de manhã tem jogo do Flamengo?', ['Flamengo']],
      ['15 cents on the celts', ['Boston Celtics']],
    ])('a stake verb or everyday word is no team: %s', (text, expected) => {
      expect(teams(text)).toEqual(expected);
    });

    it('asks no question of a word a club name starts with', () => {
      const found = resolver.find('go on man, 20 on arsenal');
      expect(found).toMatchObject({ teams: [{ name: 'Arsenal' }], ambiguous: [] });
    });

    it.each([
      ['bota 30 no galo pra mim', 'Atletico Mineiro'],
      ['uns 30 reais no galo hoje', 'Atletico Mineiro'],
      ['coloca 5 conto no galo', 'Atletico Mineiro'],
      ['métele 20 lucas al river', 'River Plate'],
      ['a tenner on the heat', 'Miami Heat'],
      ['put 25 on city', 'Manchester City'],
    ])('the words of a stake make a nickname that is also a word trusted: %s', (text, expected) => {
      expect(teams(text)).toEqual([expected]);
    });

    it('reads a short name through a doubled or swapped letter, not through another word', () => {
      expect(teams('odds for Lazzio')).toEqual(['Lazio']);
      expect(resolver.resolveTeam('Portto')?.name).toBe('Porto');
      expect(resolver.resolveTeam('porta')).toBeUndefined();
      expect(resolver.resolveTeam('manha')).toBeUndefined();
    });
  });

  describe('cities named like clubs', () => {
    it('does not read Porto Alegre as FC Porto, nor Mexico City as a City', () => {
      expect(teams('vou a porto alegre ver o jogo do gremio')).toEqual(['Gremio']);
      expect(teams('quanto paga o inter de porto alegre?')).toEqual([]);
      const inter = resolver.find('e o internacional de porto alegre, joga quando?');
      expect(inter.elsewhere.map((m) => m.name)).toEqual(['Internacional']);
      expect(resolver.find('Lakers odds, watching from Mexico City')).toMatchObject({
        teams: [{ name: 'Los Angeles Lakers' }],
        ambiguous: [],
      });
      expect(teams('weather in new york city')).toEqual([]);
      expect(teams('odds for oklahoma city')).toEqual(['Oklahoma City Thunder']);
    });

    it('still finds a club named after its city', () => {
      expect(teams('sao paulo x palmeiras')).toEqual(['Sao Paulo', 'Palmeiras']);
      expect(teams('FC Porto at home')).toEqual(['Porto']);
    });

    it('lets a name reach past a blocked phrase', () => {
      expect(teams('kick-off of the river plate game?')).toEqual(['River Plate']);
      const found = resolver.find('a bet for real madrid');
      expect(found.teams.map((m) => m.name)).toEqual(['Real Madrid']);
      expect(found.ambiguous).toEqual([]);
      expect(resolver.find('what is on for Real Betis').ambiguous).toEqual([]);
      expect(teams('swimming in the river this week, any game?')).toEqual([]);
    });
  });

  describe('"real" after a Spanish article is a club', () => {
    const reals = ['Real Madrid', 'Real Sociedad', 'Real Betis'];

    it.each(['métele 25 al real', 'cuánto paga el real', 'qué momios da el real'])(
      '%s asks which Real',
      (text) => {
        const found = resolver.find(text);
        expect(found.teams).toEqual([]);
        expect(found.ambiguous.map((a) => a.candidates)).toEqual([reals]);
      },
    );

    it.each(['is this a real bet or a test?', 'bet it for real', 'el real problema es el tiempo'])(
      '%s holds no club',
      (text) => {
        expect(resolver.find(text)).toMatchObject({ teams: [], ambiguous: [] });
      },
    );

    it('leaves a club its own nickname after the article', () => {
      expect(teams('cuotas del city')).toEqual(['Manchester City']);
    });
  });

  describe('Spanish and Portuguese football talk: article and nickname', () => {
    it.each([
      ['cuánto paga el City hoy', ['Manchester City']],
      ['métele 10 al United', ['Manchester United']],
      ['cuotas del Madrid para el domingo', ['Real Madrid']],
      ['o United joga amanhã?', ['Manchester United']],
      ['quanto tá a odd do City?', ['Manchester City']],
    ])('%s names the club the word is the nickname of', (text, named) => {
      const found = resolver.find(text);
      expect(found.teams.map((t) => t.name)).toEqual(named);
      expect(found.ambiguous).toEqual([]);
    });

    it('leaves English, where no article comes before a club, a question', () => {
      expect(resolver.find('when do City play?').ambiguous.map((a) => a.candidates[0])).toEqual(['Manchester City']);
      expect(resolver.find('when do City play?').teams).toEqual([]);
      expect(resolver.find('do United play tonight?').teams).toEqual([]);
    });

    it('keeps a nickname that is an ordinary word after an article, and only there', () => {
      expect(teams('dime algo del América esta semana')).toEqual(['Club America']);
      expect(teams('dime algo de America esta semana')).toEqual([]);
      expect(teams('e aí, novidades do Galo?')).toEqual(['Atletico Mineiro']);
    });

    it('reads two nicknames set against each other as the clubs that meet in a league', () => {
      expect(teams('City v United tonight, prices?')).toEqual(['Manchester City', 'Manchester United']);
      expect(teams('momios del United contra el City')).toEqual(['Manchester United', 'Manchester City']);
    });
  });

  describe('typos', () => {
    it.each([
      ['Barcelonna', 'Barcelona'],
      ['Liverpol', 'Liverpool'],
      ['Juventos', 'Juventus'],
      ['Arsneal', 'Arsenal'],
      ['odds for Napolli', 'Napoli'],
      ['bayerns odds', 'Bayern Munich'],
    ])('%s → %s with a confidence below an exact match', (text, expected) => {
      const [mention] = resolver.findTeams(text);
      expect(mention.name).toBe(expected);
      expect(mention.score).toBeGreaterThan(0.7);
      expect(mention.score).toBeLessThan(0.97);
    });

    it('scores 1 for a canonical name', () => {
      expect(resolver.findTeams('Arsenal')[0].score).toBe(1);
    });
  });

  describe('no false positives on ordinary messages', () => {
    it.each([
      'hello, how are you today?',
      'what can you do for me',
      'I want to know my balance please',
      'the weather is nice this week',
      'suggest a good sushi restaurant nearby',
      'help me draft an email to my landlord',
      'when does the next world cup start',
      'what does both teams to score mean',
      'is it going to rain tomorrow in the city',
      'my friend lives in a real nice villa by the river',
      'show me the best value bets for the weekend',
      'hola, ¿cómo estás? quiero saber mi saldo',
      'la semana que viene voy a la playa con mi familia',
      'no sé qué hacer esta noche, tengo mucho trabajo',
      'recomiéndame una película para el domingo',
      'oi, beleza? quanto tenho na carteira?',
      'vou viajar no fim de semana com a minha família',
      'me explica como funciona essa aposta',
      'quanto tempo dura um jogo de futebol?',
      'asdfg hjkl zxcvb',
    ])('%s', (text) => {
      expect(resolver.find(text)).toEqual({ teams: [], tournaments: [], ambiguous: [], elsewhere: [] });
    });
  });

  it('reports where each mention is in the original text', () => {
    const text = 'Odds for Barça vs Man Utd?';
    const mentions = resolver.findTeams(text);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Barça', 'Man Utd']);
  });

  it('lists each team once, in order of appearance', () => {
    expect(teams('Chelsea, Arsenal and Chelsea again')).toEqual(['Chelsea', 'Arsenal']);
  });

  describe('single names for tools', () => {
    it.each([
      ['barca', 'Barcelona'],
      ['FC Barcelona', 'Barcelona'],
      ['Man Utd', 'Manchester United'],
      ['Barcelonna', 'Barcelona'],
      ['inter', 'Inter'],
      ['city', 'Manchester City'],
    ])('resolveTeam(%s) → %s', (name, expected) => {
      expect(resolver.resolveTeam(name)?.name).toBe(expected);
    });

    it('resolves tournaments and refuses unknown names', () => {
      expect(resolver.resolveTournament('UCL')?.name).toBe('Champions League');
      expect(resolver.resolveTournament('Brasileirão')?.name).toBe('Brasileirao');
      expect(resolver.resolveTeam('Hogwarts Wizards')).toBeUndefined();
      expect(resolver.resolveTeam('')).toBeUndefined();
    });
  });

  describe('any catalogue', () => {
    const custom: Catalogue = {
      tournaments: [{ id: 't1', sportId: '1', name: 'Eredivisie' }],
      teams: [
        { name: 'FC Twente', tournamentIds: ['t1'] },
        { name: 'Feyenoord Rotterdam', tournamentIds: ['t1'] },
        { name: 'Borussia Monchengladbach', tournamentIds: ['t1'] },
        { name: 'Borussia Dortmund', tournamentIds: ['t1'] },
      ],
    };
    const other = CatalogueResolver.fromCatalogue(custom);

    it('derives short names from the catalogue ("FC Twente" → "twente")', () => {
      expect(other.findTeams('Twente vs Feyenoord').map((m) => m.name)).toEqual([
        'FC Twente',
        'Feyenoord Rotterdam',
      ]);
      expect(other.findTournaments('eredivisie games').map((m) => m.name)).toEqual(['Eredivisie']);
    });

    it('applies the alias table only to teams the catalogue has', () => {
      expect(other.findTeams('odds for barca').map((m) => m.name)).toEqual([]);
      expect(other.findTeams('odds for BVB').map((m) => m.name)).toEqual(['Borussia Dortmund']);
    });

    it('works with an empty catalogue', () => {
      expect(CatalogueResolver.empty().find('Barcelona vs Real Madrid')).toEqual({
        teams: [],
        tournaments: [],
        ambiguous: [],
        elsewhere: [],
      });
      expect(CatalogueResolver.empty().isEmpty).toBe(true);
    });
  });

  it('trusts a nickname that is also a word when a stake is put on it', () => {
    expect(teams('25 on villa')).toEqual(['Aston Villa']);
    expect(teams('12 al city')).toEqual(['Manchester City']);
    expect(teams('a villa by the sea')).toEqual([]);
    // Only the name the stake is put on: the other words stay words.
    expect(teams('nice, put 15 on it')).toEqual([]);
    expect(teams('nice one, 20 bucks on it')).toEqual([]);
    expect(teams('a tenner on the heat')).toEqual(['Miami Heat']);
  });

  describe('another division of an offered tournament', () => {
    it.each(['serie c fixtures', 'any Ligue 2 games tonight?', 'tem jogo da série B hoje?'])('%s is not the offered one', (text) => {
      expect(resolver.find(text).tournaments).toEqual([]);
    });

    it('leaves the offered one, and a number after its full name', () => {
      expect(resolver.find('serie a fixtures').tournaments.map((t) => t.name)).toEqual(['Serie A']);
      expect(resolver.find('Ligue 1 tonight').tournaments.map((t) => t.name)).toEqual(['Ligue 1']);
      expect(resolver.find('serie a 3 goals or more?').tournaments.map((t) => t.name)).toEqual(['Serie A']);
    });
  });

  describe('the reply to "which one?"', () => {
    const la = ['Los Angeles Lakers', 'LA Galaxy', 'LAFC'];

    it('takes a nickname of one of the names offered, ordinary words included', () => {
      expect(resolver.pickAmong('pro Galo, claro', ['Atletico Madrid', 'Atletico Mineiro'])).toBe('Atletico Mineiro');
      expect(resolver.pickAmong('the heat obviously', ['Inter Miami', 'Miami Heat'])).toBe('Miami Heat');
      expect(resolver.pickAmong('city', ['Manchester City', 'Manchester United'])).toBe('Manchester City');
    });

    it('takes the sport when only one of them plays it', () => {
      expect(resolver.pickAmong('the hoops one', la)).toBe('Los Angeles Lakers');
      expect(resolver.pickAmong('o de basquete', la)).toBe('Los Angeles Lakers');
      expect(resolver.pickAmong('el de fútbol', la)).toBeUndefined();
      expect(resolver.pickAmong('no idea', la)).toBeUndefined();
    });
  });

  describe('well-known clubs the book does not offer', () => {
    it('reads Millonarios as the club of that name, not a nickname of River Plate', () => {
      expect(resolver.find('¿juega Millonarios el domingo?')).toMatchObject({ teams: [], elsewhere: [{ name: 'Millonarios' }] });
      expect(teams('river vs boca odds')).toEqual(['River Plate', 'Boca Juniors']);
    });

    const elsewhere = (text: string) => resolver.find(text).elsewhere.map((m) => m.name);

    it.each([
      ['celtic at home on saturday?', 'Celtic'],
      ['price for internacional', 'Internacional'],
      ['real salt lake tonight', 'Real Salt Lake'],
      ['atletico nacional at home', 'Atletico Nacional'],
      ['odds barcelona sc', 'Barcelona SC'],
    ])('%s is that club, not an offered namesake or a typo of one', (text, club) => {
      expect(elsewhere(text)[0]).toBe(club);
      expect(teams(text)).toEqual([]);
      expect(resolver.find(text).ambiguous).toEqual([]);
    });

    it('leaves the offered team its own name and nicknames', () => {
      expect(teams('celtics at the garden')).toEqual(['Boston Celtics']);
      expect(teams('inter away this week')).toEqual(['Inter']);
      expect(teams('barcelona fixtures')).toEqual(['Barcelona']);
      expect(resolver.find('celtics at the garden').elsewhere).toEqual([]);
    });

    it('is never a tool argument resolved to another team, nor a "did you mean"', () => {
      expect(resolver.resolveTeam('Celtic')).toBeUndefined();
      expect(resolver.closestTeam('Celtic')).toBeUndefined();
      expect(resolver.find('celtic').elsewhere.map((m) => m.name)).toEqual(['Celtic']);
      expect(resolver.resolveTeam('Celtics')?.name).toBe('Boston Celtics');
    });

    it('gives way to a catalogue that offers the club', () => {
      const offering = CatalogueResolver.fromCatalogue({
        tournaments: [{ id: 't9', sportId: '1', name: 'Scottish Premiership' }],
        teams: [
          { name: 'Celtic FC', tournamentIds: ['t9'] },
          { name: 'Rangers', tournamentIds: ['t9'] },
        ],
      });
      expect(offering.findTeams('celtic or rangers this weekend').map((m) => m.name)).toEqual(['Celtic FC', 'Rangers']);
      expect(offering.find('celtic or rangers this weekend').elsewhere).toEqual([]);
    });
  });

  it('typoSimilarity counts a swap of two letters as one edit', () => {
    expect(typoSimilarity('arsenal', 'arsneal')).toBeCloseTo(1 - 1 / 7);
    expect(typoSimilarity('same', 'same')).toBe(1);
  });
});
