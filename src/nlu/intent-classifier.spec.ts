import type { Intent, Language } from '../common/protocol';
import { EN_CORPUS } from './corpus/corpus.en';
import { ES_CORPUS } from './corpus/corpus.es';
import { PT_CORPUS } from './corpus/corpus.pt';
import type { IntentCorpus } from './corpus/corpus.types';
import { IntentClassifier, type LabelledFeatures } from './intent-classifier';
import { type EntitySignals, intentFeatures, visitFeatures, words } from './intent-features';

const CORPORA: Array<[Language, IntentCorpus]> = [
  ['en', EN_CORPUS],
  ['es', ES_CORPUS],
  ['pt_br', PT_CORPUS],
];
const NONE: EntitySignals = { teams: 0, tournaments: 0, amounts: 0, markets: 0, dates: 0 };

describe('IntentClassifier', () => {
  const samples: LabelledFeatures[] = CORPORA.flatMap(([language, corpus]) =>
    (Object.entries(corpus) as Array<[Intent, string[]]>).flatMap(([intent, phrases]) =>
      phrases.map((phrase) => ({ intent, features: intentFeatures(phrase.toLowerCase(), language, NONE) })),
    ),
  );
  const classifier = new IntentClassifier(samples, { epochs: 5 });

  const both = (text: string, language: Language, signals: EntitySignals = NONE) => {
    const tokens = words(text);
    return {
      vector: classifier.classify(intentFeatures(text, language, signals, tokens)),
      visited: classifier.classifyVisited((sink) => visitFeatures(text, language, signals, tokens, sink)),
    };
  };

  it('scores visited features exactly as the vector of the same features', () => {
    const messages: Array<[string, Language, EntitySignals?]> = [
      ['how much do i get if i put 15 on the home side?', 'en', { ...NONE, teams: 1, amounts: 1 }],
      ['cuando es el proximo partido, a que hora?', 'es', { ...NONE, teams: 2, dates: 1 }],
      ['qual a cotacao pro jogo de domingo', 'pt_br', { ...NONE, teams: 1, tournaments: 1, markets: 1 }],
      ['zzkq plomf vrrt', 'en'],
      ['', 'en'],
    ];
    for (const [text, language, signals] of messages) {
      const { vector, visited } = both(text, language, signals);
      expect(visited).toEqual(vector);
    }
    for (const [language, corpus] of CORPORA)
      for (const phrase of Object.values(corpus).flat()) {
        const { vector, visited } = both(phrase.toLowerCase(), language);
        expect(visited).toEqual(vector);
      }
  });

  it('counts a word, stem or pair said twice once, as a vector holds it once', () => {
    const { vector, visited } = both('odds odds odds for the game game? odds', 'en');
    expect(visited).toEqual(vector);
    // Half the distinct words are unknown: familiarity counts distinct words, not occurrences.
    expect(both('odds qqqz odds qqqz', 'en').visited.familiarity).toBe(0.5);
  });
});
