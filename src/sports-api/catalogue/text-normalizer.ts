/**
 * Text normalisation shared by the catalogue resolver and the NLU: lowercase, no accents, no
 * punctuation, possessives dropped — so "Sevilla's", "SEVILLA" and "sevílla" compare equal.
 */

export interface Token {
  /** Normalised form. */
  norm: string;
  /** Offsets of the token in the original text. */
  start: number;
  end: number;
}

const COMBINING_MARKS = /\p{M}+/gu;

/** Lowercase and strip diacritics ("Mengão" → "mengao", "Barça" → "barca"). */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

// Letters and digits, with an inner apostrophe kept so "Sevilla's" is one token we can trim.
const TOKEN = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

/** Splits text into normalised tokens that remember where they came from. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let norm = foldAccents(match[0]).replace(/’/g, "'");
    // Possessive / contraction: "sevilla's" → "sevilla", "city's" → "city".
    norm = norm.replace(/'s$/, '').replace(/'/g, '');
    if (!/\d/.test(norm)) norm = norm.replace(/\./g, '');
    if (norm.length === 0) continue;
    tokens.push({ norm, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** One normalised string for a name: tokens joined by single spaces. */
export function normalizeName(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}
