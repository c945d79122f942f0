import { NluService } from '../nlu.service';
import type { NluContext, NluResult } from '../nlu.types';
import { CatalogueResolver } from './catalogue-resolver';
import { seedCatalogue } from './seed-catalogue';

const THURSDAY = new Date('2026-12-03T15:00:00Z');

describe('namesakes in the seed catalogue', () => {
  const resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
  const names = (text: string) => resolver.find(text).teams.map((t) => t.name);
  const candidates = (text: string) => resolver.find(text).ambiguous.map((a) => a.candidates);

  describe('a shared name said alone gives the candidates and no team', () => {
    it.each([
      ['which Manchester?', ['Manchester City', 'Manchester United']],
      ['prices for Manchester', ['Manchester City', 'Manchester United']],
      ['Olympique', ['Olympique de Marseille', 'Olympique Lyonnais']],
      ['¿a cuánto pagan al Olympique esta noche?', ['Olympique de Marseille', 'Olympique Lyonnais']],
      ['Atletico', ['Atletico Madrid', 'Atletico Mineiro']],
      ['o Atlético joga hoje?', ['Atletico Madrid', 'Atletico Mineiro']],
      ['Madrid', ['Real Madrid', 'Atletico Madrid']],
    ])('%s', (text, expected) => {
      expect(names(text)).toEqual([]);
      expect(candidates(text)).toEqual([expected]);
    });

    it('keeps the question when the team beside it shares a league with every candidate', () => {
      const found = resolver.find('Olympique vs Lille');
      expect(found.teams.map((t) => t.name)).toEqual(['Lille']);
      expect(found.ambiguous[0].candidates).toEqual(['Olympique de Marseille', 'Olympique Lyonnais']);
    });
  });

  describe('a full name is no question', () => {
    it.each([
      ['Atletico Mineiro', 'Atletico Mineiro'],
      ['odds for Atlético de Madrid', 'Atletico Madrid'],
      ['Manchester City', 'Manchester City'],
      ['how is Manchester United doing?', 'Manchester United'],
      ['Olympique Lyonnais next match', 'Olympique Lyonnais'],
    ])('%s', (text, team) => {
      const found = resolver.find(text);
      expect(found.teams.map((t) => t.name)).toEqual([team]);
      expect(found.ambiguous).toEqual([]);
    });
  });

  describe('a namesake beside a team of one league is settled', () => {
    it.each([
      ['Atletico vs Girona', ['Atletico Madrid', 'Girona']],
      ['Atlético x Corinthians', ['Atletico Mineiro', 'Corinthians']],
      ['Madrid vs Boca Juniors', ['Real Madrid', 'Boca Juniors']],
    ])('%s', (text, teams) => {
      const found = resolver.find(text);
      expect(found.teams.map((t) => t.name)).toEqual(teams);
      expect(found.ambiguous).toEqual([]);
    });
  });

  describe('no question outside sport talk', () => {
    it.each([
      'my cousin moved to Manchester last year and loves the rain',
      'the train to Madrid leaves from platform four at noon',
      'we had a lovely dinner, thanks for asking',
    ])('%s', (text) => {
      expect(resolver.find(text).ambiguous).toEqual([]);
    });
  });
});

describe('NluService with namesakes', () => {
  const nlu = new NluService();
  nlu.useCatalogue(seedCatalogue());
  const fresh = (): NluContext => ({ previousUserMessages: [], referenceDate: THURSDAY });

  function conversation(...messages: string[]): NluResult {
    let context = fresh();
    let result: NluResult | undefined;
    for (const message of messages) {
      result = nlu.analyze(message, context);
      context = { previousUserMessages: [...context.previousUserMessages, message], previous: result, referenceDate: THURSDAY };
    }
    return result!;
  }

  it.each([
    ['what are the odds for Atletico?', ['Atletico Madrid', 'Atletico Mineiro']],
    ['¿cuándo juega el Olympique?', ['Olympique de Marseille', 'Olympique Lyonnais']],
    ['quando joga o Manchester?', ['Manchester City', 'Manchester United']],
  ])('asks which for %s and names no team', (text, expected) => {
    const result = nlu.analyze(text, fresh());
    expect(result.entities.teams).toEqual([]);
    expect(result.ambiguous?.map((a) => a.candidates)).toEqual([expected]);
    expect(result.unknown).toBeUndefined();
  });

  it('gives no ambiguity for a full name', () => {
    const result = nlu.analyze('odds for Atletico Mineiro this weekend', fresh());
    expect(result.entities.teams).toEqual(['Atletico Mineiro']);
    expect(result.ambiguous).toBeUndefined();
  });

  it('takes a nickname as the answer to which team', () => {
    const which = (text: string) => nlu.analyze(text, fresh()).ambiguous?.[0].candidates;
    expect(which('how much does Miami pay tonight?')).toEqual(['Inter Miami', 'Miami Heat']);
    const answered = (...messages: string[]) => conversation(...messages).entities.teams;
    expect(answered('how much does Miami pay tonight?', 'the heat')).toEqual(['Miami Heat']);
    expect(which('momios del real para el domingo')).toEqual(['Real Madrid', 'Real Sociedad', 'Real Betis']);
    expect(answered('momios del real para el domingo', 'los blancos')).toEqual(['Real Madrid']);
  });

  it.each([
    [['when do Villarreal play next?', 'and for Atletico?'], 'Atletico Madrid'],
    [['quando joga o Fluminense?', 'e o Atlético?'], 'Atletico Mineiro'],
    [['cuotas del Arsenal', '¿y del City?'], 'Manchester City'],
  ])('settles the namesake of a follow-up by the league asked about before: %j', (messages, team) => {
    const result = conversation(...messages);
    expect(result.entities.teams).toEqual([team]);
    expect(result.ambiguous).toBeUndefined();
  });
});
