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

function stem(word: string, language: Language): string {
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
 * Features for the intent network: words, their stems, word pairs (they carry "how much",
 * "what does"), a question mark, and the entity signals. `tokens` are `words(residue)`, when the
 * caller has them already.
 */
export function intentFeatures(
  residue: string,
  language: Language,
  signals: EntitySignals,
  tokens: string[] = words(residue),
): FeatureVector {
  const features: FeatureVector = {};
  for (const token of tokens) {
    features[`w:${token}`] = 1;
    if (token !== '#num') features[`s:${stem(token, language)}`] = 1;
  }
  for (let i = 0; i + 1 < tokens.length; i++) features[`b:${tokens[i]}_${tokens[i + 1]}`] = 1;
  if (residue.includes('?')) features['p:question'] = 1;
  const folded = FAMILY_WORDS.scan(foldAccents(residue));
  for (const [family, pattern] of KEYWORD_FAMILIES) if (folded.test(pattern)) features[`k:${family}`] = 1;
  if (signals.teams > 0) features['e:team'] = 1;
  if (signals.teams > 1) features['e:teams'] = 1;
  if (signals.tournaments > 0) features['e:tournament'] = 1;
  if (signals.amounts > 0) features['e:amount'] = 1;
  if (signals.markets > 0) features['e:market'] = 1;
  if (signals.dates > 0) features['e:date'] = 1;
  return features;
}
