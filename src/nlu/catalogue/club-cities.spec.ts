import { tokenize } from '../../common/text';
import { CatalogueResolver } from './catalogue-resolver';
import { cityMentions } from './club-cities';
import { seedCatalogue } from './seed-catalogue';

describe('cities said for their clubs', () => {
  const resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
  const question = (text: string) => resolver.find(text).ambiguous.map((a) => a.candidates);
  const teams = (text: string) => resolver.find(text).teams.map((t) => t.name);

  describe('a city with several offered clubs is a question, in en, es and pt', () => {
    it.each([
      ['what are the odds on the Milan boys tonight', ['AC Milan', 'Inter']],
      ['who is the team from London playing at the weekend', ['Arsenal', 'Chelsea', 'Tottenham Hotspur']],
      ['cuotas del equipo de Lisboa', ['Benfica', 'Sporting CP']],
      ['¿cuándo juega el cuadro de Buenos Aires?', ['Boca Juniors', 'River Plate']],
      ['quanto paga o clube de Roma?', ['AS Roma', 'Lazio']],
      ['bota 10 no time do Rio de Janeiro', ['Flamengo', 'Fluminense', 'Botafogo']],
      ['¿los de Madrid juegan este finde?', ['Real Madrid', 'Atletico Madrid']],
    ])('%s', (text, clubs) => {
      expect(question(text)).toEqual([clubs]);
      expect(teams(text)).toEqual([]);
    });
  });

  describe('its derby is the match of its two clubs', () => {
    it.each([
      ['odds for the Milan derby', ['AC Milan', 'Inter']],
      ['¿cuándo es el derbi de Roma?', ['AS Roma', 'Lazio']],
      ['quanto paga o clássico de Buenos Aires?', ['Boca Juniors', 'River Plate']],
      ['price on the Roma derby', ['AS Roma', 'Lazio']],
    ])('%s', (text, clubs) => {
      expect(teams(text)).toEqual(clubs);
      expect(question(text)).toEqual([]);
    });
  });

  describe('a city said otherwise is no question', () => {
    it.each([
      ['the weather in Lisbon is lovely this week', []],
      ['what time is it in Rome right now', []],
      ['odds for Milan', ['AC Milan']],
      ['roma next game', ['AS Roma']],
      ['the Roma side next match', ['AS Roma']],
      ['aposta 10 no Benfica', ['Benfica']],
    ])('%s', (text, named) => {
      expect(question(text)).toEqual([]);
      expect(teams(text)).toEqual(named);
    });
  });

  it('offers only the clubs the catalogue holds: one left is that club, none is nothing', () => {
    const romaOnly = CatalogueResolver.fromCatalogue({
      tournaments: [{ id: '4', sportId: '1', name: 'Serie A' }],
      teams: [{ name: 'AS Roma', tournamentIds: ['4'] }],
    });
    expect(romaOnly.find('odds for the Rome lads').teams.map((t) => t.name)).toEqual(['AS Roma']);
    expect(romaOnly.find('odds for the Rome lads').ambiguous).toEqual([]);
    expect(romaOnly.find('the Lisbon side tonight?')).toMatchObject({ teams: [], ambiguous: [] });
  });

  it('reads the city from the words around it, longest name first', () => {
    const [mention] = cityMentions(tokenize('o time do rio de janeiro joga hoje'), new Set());
    expect(mention).toMatchObject({ first: 3, length: 3, city: 'rio de janeiro', derby: false });
    expect(cityMentions(tokenize('the lisbon lads'), new Set([1]))).toEqual([]);
  });
});
