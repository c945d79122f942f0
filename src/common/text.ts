/**
 * The one text toolkit: folding, tokens and team-name comparison, shared by the NLU, the
 * catalogue resolver, the tools and the sports-API adapter. Lowercase, no accents, no punctuation,
 * possessives dropped — so "Sevilla's", "SEVILLA" and "sevílla" compare equal.
 */

export interface Token {
  /** Normalised form. */
  norm: string;
  /** Offsets of the token in the original text. */
  start: number;
  end: number;
}

const COMBINING_MARKS = /\p{M}+/gu;
/** Anything but printable ASCII, tabs and line breaks. */
const BEYOND_PLAIN_ASCII = /[^ -~\t\n\r]/;

/**
 * The last texts folded and their folds. The NLU's readers each fold what they are given, and
 * they are given the same few strings per message (the message, its residue): kept here, each is
 * folded once instead of once per reader.
 */
const RECENT_FOLDS = 4;
const recentTexts: string[] = new Array<string>(RECENT_FOLDS).fill('');
const recentFolds: string[] = new Array<string>(RECENT_FOLDS).fill('');
let nextRecent = 0;

/** Lowercase and strip diacritics ("Mengão" → "mengao", "Barça" → "barca"). */
export function foldAccents(text: string): string {
  for (let i = 0; i < RECENT_FOLDS; i++) if (recentTexts[i] === text) return recentFolds[i];
  const folded = fold(text);
  recentTexts[nextRecent] = text;
  recentFolds[nextRecent] = folded;
  nextRecent = (nextRecent + 1) % RECENT_FOLDS;
  return folded;
}

function fold(text: string): string {
  // Most chat text is plain ASCII, which has nothing to decompose: lowercasing is the whole fold.
  return BEYOND_PLAIN_ASCII.test(text)
    ? text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase()
    : text.toLowerCase();
}

/** A name folded for comparison: accents and case gone, runs of white space one space. */
export function foldName(text: string): string {
  return foldAccents(text).replace(/\s+/g, ' ').trim();
}

// Letters and digits, with an inner apostrophe kept so "Sevilla's" is one token we can trim.
const TOKEN = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

/** Splits text into normalised tokens that remember where they came from. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // ASCII text folds to a string of the same length, so it is folded once and its tokens are
  // already normal; other text is folded token by token to keep offsets into the original.
  if (!BEYOND_PLAIN_ASCII.test(text)) {
    asciiTokens(text.toLowerCase(), tokens);
    return tokens;
  }
  for (const match of text.matchAll(TOKEN)) {
    // Folded without the memory of recent texts: a word is folded once, and would push out the message.
    addToken(tokens, fold(match[0]).replace(/’/g, "'"), match.index, match.index + match[0].length);
  }
  return tokens;
}

/**
 * The tokens of lowercase ASCII text, `[a-z0-9]+(?:[.'][a-z0-9]+)*` (TOKEN in ASCII), walked by
 * character: every message is tokenized, and a match object per word costs more than the word.
 */
function asciiTokens(source: string, tokens: Token[]): void {
  const length = source.length;
  let i = 0;
  while (i < length) {
    if (!isAsciiWordChar(source.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isAsciiWordChar(source.charCodeAt(i))) i++;
    // An inner "." or "'" joins the letters after it: "sevilla's", "st.pauli", "2.5".
    while (i + 1 < length && isInnerMark(source.charCodeAt(i)) && isAsciiWordChar(source.charCodeAt(i + 1))) {
      i++;
      while (i < length && isAsciiWordChar(source.charCodeAt(i))) i++;
    }
    addToken(tokens, source.slice(start, i), start, i);
  }
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isInnerMark(c: number): boolean {
  return c === 46 || c === 39;
}

function addToken(tokens: Token[], matched: string, start: number, end: number): void {
  let norm = matched;
  // Possessive / contraction: "sevilla's" → "sevilla", "city's" → "city".
  if (norm.includes("'")) norm = norm.replace(/'s$/, '').replace(/'/g, '');
  if (norm.includes('.') && !/\d/.test(norm)) norm = norm.replace(/\./g, '');
  if (norm.length === 0) return;
  tokens.push({ norm, start, end });
}

/** One normalised string for a name: tokens joined by single spaces. */
export function normalizeName(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}

/** Loose team comparison: equal, or one name's words contain the other's ("Inter" ~ "Inter Milan"). */
export function sameTeam(fixtureTeam: string, wanted: string): boolean {
  // Mostly both are the catalogue's own spelling: no need to tokenise either.
  if (fixtureTeam === wanted) return true;
  // Connecting words are spelling, not identity: "Atlético de Madrid" is "Atletico Madrid".
  const a = withoutConnectors(normalizeName(fixtureTeam));
  const b = withoutConnectors(normalizeName(wanted));
  if (!a || !b) return false;
  if (a === b) return true;
  const aw = ` ${a} `;
  const bw = ` ${b} `;
  return aw.includes(bw) || bw.includes(aw);
}

const CONNECTORS = / (?:de|del|do|da|di|of|the) /g;

function withoutConnectors(name: string): string {
  return name.includes(' ') ? ` ${name} `.replace(CONNECTORS, ' ').replace(CONNECTORS, ' ').trim() : name;
}

/** Whitespace, control and format characters (zero-width spaces and joiners, BOM, bidi marks). */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Z}]*$/u;

/** Whether a message has anything to read: only invisible characters count as blank. */
export function isBlank(text: string): boolean {
  return INVISIBLE.test(text);
}
