import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerEs } from '@nlpjs/lang-es';
import { StemmerPt } from '@nlpjs/lang-pt';
import type { Language } from '../common/protocol';
import { foldAccents } from '../common/text';
import { WordGate } from './word-gate';

/** What the entity extractors saw in a message; names are replaced by these counts so the classifier learns "a team", not "Arsenal". */
export interface EntitySignals {
  teams: number;
  tournaments: number;
  amounts: number;
  markets: number;
  dates: number;
}

export type FeatureVector = Record<string, number>;

const STEMMERS: Record<Language, { stemWord(word: string): string }> = {
  en: new StemmerEn(),
  es: new StemmerEs(),
  pt_br: new StemmerPt(),
};

/** Stems by language: a word's stem never changes, and stemming is the costliest step per word. */
const STEMS: Record<Language, Map<string, string>> = { en: new Map(), es: new Map(), pt_br: new Map() };
const STEMS_MAX = 20_000;

export function stem(word: string, language: Language): string {
  const known = STEMS[language];
  let stemmed = known.get(word);
  if (stemmed === undefined) {
    stemmed = STEMMERS[language].stemWord(word);
    if (known.size >= STEMS_MAX) known.clear();
    known.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Word families shared by the three languages: a Spanish message about "cuotas" borrows what the
 * model learnt from English "odds" phrases. Matched on word beginnings of the folded text.
 */
const KEYWORD_FAMILIES: Array<[family: string, pattern: RegExp]> = [
  [
    'simulate',
    /\b(?:simul|sim\b|parlay|acca|accumulator|combo|combin|multipla|treble|dummy|pretend|fake|mock|practice bet|test bet|apuesta de prueba|aposta teste|ficticia)/,
  ],
  [
    'payout',
    /\b(?:pay|payout|paga|pagan|pagar|pagaria|return|collect|winning|ganho|gano|rende|levo|recibo|recebo)/,
  ],
  ['odds', /\b(?:odds?\b|price|priced|pricing|cuota|momio|cotacao|cotizacion|line\b|favou?rit)/],
  [
    'balance',
    /\b(?:balance|saldo|wallet|funds|billetera|carteira|money|cash|dinero|dinheiro|plata|grana|afford|alcanza)/,
  ],
  [
    'schedule',
    /\b(?:when|cuando|quando|kick|schedule|fixture|calendar|calendario|horario|agenda|what time|a que hora|que horas|que dia|what day|live\b|in[- ]?play\b|en vivo|en directo|ao vivo)/,
  ],
  [
    'recommend',
    /\b(?:recommend|recomiend|recomend|tip|tips|pick|suggest|sugier|suger|advi[cs]e|aconsej|aconselh|dica|palpite|pronostic|worth|vale la pena|vale a pena|should i|deberia|devo)/,
  ],
  [
    'compare',
    /\b(?:compar|better|mejor|melhor|stronger|fuerte|forte|form\b|forma|head to head|h2h|historial|retrospecto|confronto|versus)/,
  ],
  [
    'catalogue',
    /\b(?:leagues|ligas|torneo|tournament|competition|competici|competic|campeonatos|cover|cubren|cobrem|available|disponib|disponiv|offer|ofrecen|oferecem|sports|deportes|esportes)/,
  ],
  [
    'concept',
    /\b(?:what(?: i|')?s an?\b|what does|mean|meaning|significa|explain|explica|rule|regla|regra|who won|quien gano|quem ganhou|history|historia|record|que es (?:un|una|el|la)\b|o que e\b|quer dizer)/,
  ],
  [
    'help',
    /\b(?:help|ayuda|ajuda|how does (?:this|it) work|como funciona|how do i use|como (?:te )?uso|what can you)/,
  ],
];

/** Families a message can show, worked out once from the patterns: most messages show few of them. */
const FAMILY_WORDS = new WordGate(KEYWORD_FAMILIES.map(([, pattern]) => pattern));

/** Words of the message (names already blanked), accent-folded; numbers become one token. */
export function words(residue: string): string[] {
  return (foldAccents(residue).match(/[a-z]+|\d+(?:[.,]\d+)?/g) ?? []).map((w) =>
    /^\d/.test(w) ? '#num' : w,
  );
}

/**
 * Where a message's features go, one call per feature, in the order the classifier sums them:
 * the classifier reads them straight into its weight rows, without building a key per feature.
 */
export interface FeatureSink {
  /** `w:word` ("#num" for a number). */
  word(token: string): void;
  /** `s:stem`, the stem of this word in the language (`stem`). */
  stem(word: string, language: Language): void;
  /** `b:first_second`, two words in a row. */
  pair(first: string, second: string): void;
  /** A feature of a fixed name: `p:question`, `k:family`, `e:team`… */
  flag(name: string): void;
}

const FAMILY_FLAGS = KEYWORD_FAMILIES.map(([family, pattern]) => [`k:${family}`, pattern] as const);

/**
 * Features for the intent network: words, their stems, word pairs (they carry "how much",
 * "what does"), a question mark, and the entity signals. `tokens` are `words(residue)`.
 */
export function visitFeatures(
  residue: string,
  language: Language,
  signals: EntitySignals,
  tokens: string[],
  sink: FeatureSink,
): void {
  for (const token of tokens) {
    sink.word(token);
    if (token !== '#num') sink.stem(token, language);
  }
  for (let i = 0; i + 1 < tokens.length; i++) sink.pair(tokens[i], tokens[i + 1]);
  if (residue.includes('?')) sink.flag('p:question');
  const folded = FAMILY_WORDS.scan(foldAccents(residue));
  for (const [flag, pattern] of FAMILY_FLAGS) if (folded.test(pattern)) sink.flag(flag);
  if (signals.teams > 0) sink.flag('e:team');
  if (signals.teams > 1) sink.flag('e:teams');
  if (signals.tournaments > 0) sink.flag('e:tournament');
  if (signals.amounts > 0) sink.flag('e:amount');
  if (signals.markets > 0) sink.flag('e:market');
  if (signals.dates > 0) sink.flag('e:date');
}

/** The same features as a vector (for training): one key per feature, in the order they were visited. */
export function intentFeatures(
  residue: string,
  language: Language,
  signals: EntitySignals,
  tokens: string[] = words(residue),
): FeatureVector {
  const features: FeatureVector = {};
  visitFeatures(residue, language, signals, tokens, {
    word: (token) => (features[`w:${token}`] = 1),
    stem: (word, language) => (features[`s:${stem(word, language)}`] = 1),
    pair: (first, second) => (features[`b:${first}_${second}`] = 1),
    flag: (name) => (features[name] = 1),
  });
  return features;
}
