/**
 * A prefilter for the NLU's keyword patterns. Most of them are long alternations of words that
 * start at a word boundary (`\b(?:cancel|scrap|forget it|…)`), and V8 tries every alternative at
 * every position of the text, so a reader that tests a dozen of them on every message pays for
 * each one even when the message holds none of their words — the usual case. A gate is built
 * once from such patterns: from each pattern's source it works out how its matches can begin
 * (up to PREFIX characters: "cancel", "forget", "scrap"), and puts those beginnings in one trie.
 * Per message one pass walks the trie from the start of each word, and only the patterns whose
 * beginnings were met are run. A pass costs about as much as a few keyword tests (bench/RESULTS.md,
 * round five), so a gate belongs in front of a group of patterns, not a single one.
 *
 * The gate only rules patterns out, never in: a pattern that can match the text is always run.
 * Where the source does not show for certain that every match starts a word with known
 * characters (a match that may start inside a word or on a symbol, a construct it does not
 * follow), the pattern is simply always run.
 */

/** The codes of word characters (JavaScript's `\w`, lowercased): a–z, 0–9, `_`. */
const WORD_CODES = 37;
/** Any other character. */
const OTHER = WORD_CODES;
const CODE_COUNT = WORD_CODES + 1;
const ALL: CharSet = new Set(Array.from({ length: CODE_COUNT }, (_, i) => i));
/** How many characters of a match's beginning the trie holds: enough to tell "cancel" from "can". */
const PREFIX = 6;
/** A beginning is cut at a class wider than this (`\w`, `[^.]`: they tell nothing)… */
const MAX_CLASS = 10;
/** …and where its classes would spell more than this many strings (`\d\d\d…`). */
const MAX_SPELLINGS = 64;

type CharSet = ReadonlySet<number>;

type Node =
  | { kind: 'char'; set: CharSet }
  /** Zero-width: `\b` and `^` start a word when the next character is a word character. */
  | { kind: 'assert'; startsWord: boolean }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** The patterns a text may match, from one pass over it (`WordGate.scan`). */
export interface GateScan {
  /** False only when `pattern` cannot match the scanned text. */
  may(pattern: RegExp): boolean;
  /** `pattern.test(text)`, skipped when the gate rules it out. */
  test(pattern: RegExp): boolean;
  /** `pattern.exec(text)`, skipped when the gate rules it out. */
  exec(pattern: RegExp): RegExpExecArray | null;
  /** The text holds an ASCII digit. */
  readonly digits: boolean;
  /** The text the patterns are tested on. */
  readonly text: string;
}

export class WordGate {
  /** The trie: `next[node * CODE_COUNT + code]` is the child (0 for none; node 0 is the root). */
  private readonly next: Uint16Array;
  /** The bits of the patterns a match of which may begin with a node's characters. */
  private readonly ends: Int32Array;
  private readonly bits = new Map<RegExp, number>();
  private always = 0;

  constructor(patterns: readonly RegExp[]) {
    if (patterns.length > 31) throw new Error('a word gate holds at most 31 patterns');
    const next: number[] = new Array<number>(CODE_COUNT).fill(0);
    const ends: number[] = [0];
    const child = (node: number, code: number) => {
      let to = next[node * CODE_COUNT + code];
      if (to === 0) {
        to = ends.length;
        ends.push(0);
        next.push(...new Array<number>(CODE_COUNT).fill(0));
        next[node * CODE_COUNT + code] = to;
      }
      return to;
    };
    const insert = (node: number, beginning: CharSet[], at: number, bit: number): void => {
      if (at === beginning.length) {
        ends[node] |= bit;
        return;
      }
      for (const code of beginning[at]) insert(child(node, code), beginning, at + 1, bit);
    };
    patterns.forEach((pattern, i) => {
      const bit = 1 << i;
      this.bits.set(pattern, bit);
      const beginnings = matchBeginnings(pattern);
      if (!beginnings) this.always |= bit;
      else for (const beginning of beginnings) insert(0, beginning, 0, bit);
    });
    if (ends.length > 0xffff) throw new Error('word gate trie too large');
    this.next = Uint16Array.from(next);
    this.ends = Int32Array.from(ends);
  }

  /** True when the gate runs `pattern` on every text: its matches do not start words for certain. */
  alwaysRuns(pattern: RegExp): boolean {
    const bit = this.bits.get(pattern);
    return bit === undefined || (this.always & bit) !== 0;
  }

  /**
   * Which patterns `text` may match. With `plain`, the patterns are tested on `plain.text()`
   * instead, a copy of `text` in which each run of `plain.spaces` characters is one space and
   * the ends are trimmed; the scan reads `text` the way that copy reads, so the copy is built
   * only when some pattern has to run (most messages need none).
   */
  scan(text: string, plain?: PlainCopy): GateScan {
    let open = this.always;
    let digits = false;
    let previous = OTHER;
    const { next, ends } = this;
    const spaces = plain?.spaces;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const code = c < 128 ? CODES[c] : OTHER;
      if (code >= 26 && code < 36) digits = true;
      if (code !== OTHER && previous === OTHER) {
        // A word starts here: walk the trie along it (and past it, for "forget it").
        let node = next[code];
        let j = i + 1;
        while (node !== 0) {
          open |= ends[node];
          if (j >= text.length) break;
          const d = text.charCodeAt(j++);
          node = next[node * CODE_COUNT + (d < 128 ? CODES[d] : OTHER)];
          if (spaces?.(d)) while (j < text.length && spaces(text.charCodeAt(j))) j++;
        }
      }
      previous = code;
    }
    return new Scan(plain ? plain.text : text, this.bits, open, digits);
  }
}

/** How a reader's plain copy of a text differs from it (see WordGate.scan). */
export interface PlainCopy {
  /** Characters a run of which reads as one space (never word characters). */
  spaces(c: number): boolean;
  /** Builds the copy. */
  text(): string;
}

/** One text's scan: which patterns may match it. */
class Scan implements GateScan {
  private built: string | undefined;

  constructor(
    private readonly source: string | (() => string),
    private readonly bits: ReadonlyMap<RegExp, number>,
    private readonly open: number,
    readonly digits: boolean,
  ) {}

  get text(): string {
    if (typeof this.source === 'string') return this.source;
    return (this.built ??= this.source());
  }

  may(pattern: RegExp): boolean {
    const bit = this.bits.get(pattern);
    return bit === undefined || (this.open & bit) !== 0;
  }

  test(pattern: RegExp): boolean {
    return this.may(pattern) && pattern.test(this.text);
  }

  exec(pattern: RegExp): RegExpExecArray | null {
    return this.may(pattern) ? pattern.exec(this.text) : null;
  }
}

/** a–z (either case) → 0–25, 0–9 → 26–35, `_` → 36, anything else → OTHER. */
function wordCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 48 + 26;
  if (c === 95) return 36;
  return OTHER;
}

/** wordCode of the ASCII characters, looked up in the scan's loop. */
const CODES = Uint8Array.from({ length: 128 }, (_, c) => wordCode(c));

/**
 * How every match of `pattern` can begin: the classes of its first characters (up to PREFIX),
 * each beginning at the start of a word. Undefined when that is not certain from its source
 * (then the pattern must always run).
 */
export function matchBeginnings(pattern: RegExp): CharSet[][] | undefined {
  // With both flags, `\w` and so `\b` also take ſ and the Kelvin sign: not worth following.
  if (pattern.flags.includes('i') && (pattern.flags.includes('u') || pattern.flags.includes('v')))
    return undefined;
  // A skipped test would leave `lastIndex` where it was, unlike a failed one.
  if (pattern.global || pattern.sticky) return undefined;
  let alternatives: Node[][];
  try {
    alternatives = new Parser(pattern.source).parse();
  } catch {
    return undefined;
  }
  const beginnings: CharSet[][] = [];
  let budget = 20_000;
  let certain = true;
  // Walks every way a match can begin. Nodes that match nothing (an empty group repeated) could
  // walk forever: the budget and depth stop that.
  const walk = (
    rest: Node[],
    taken: CharSet[],
    spellings: number,
    startsWord: boolean,
    depth: number,
  ): void => {
    if (!certain) return;
    if (--budget < 0 || depth > 200) {
      certain = false;
      return;
    }
    const node = rest[0];
    const wide =
      node?.kind === 'char' && (node.set.size > MAX_CLASS || spellings * node.set.size > MAX_SPELLINGS);
    if (taken.length === PREFIX || node === undefined || wide) {
      // The match must begin at a word boundary with a word character: then that is a word's start.
      if (!startsWord || taken.length === 0 || taken[0].has(OTHER)) certain = false;
      else beginnings.push(taken);
      return;
    }
    const after = rest.slice(1);
    switch (node.kind) {
      case 'char':
        walk(after, [...taken, node.set], spellings * node.set.size, startsWord, depth + 1);
        return;
      case 'assert':
        walk(after, taken, spellings, startsWord || (node.startsWord && taken.length === 0), depth + 1);
        return;
      case 'group':
        for (const alternative of node.alternatives)
          walk([...alternative, ...after], taken, spellings, startsWord, depth + 1);
        return;
      case 'repeat': {
        const again: Node[] =
          node.max > 1 ? [{ ...node, min: Math.max(0, node.min - 1), max: node.max - 1 }] : [];
        if (node.min === 0) walk(after, taken, spellings, startsWord, depth + 1);
        if (node.max > 0) walk([node.node, ...again, ...after], taken, spellings, startsWord, depth + 1);
        return;
      }
    }
  };
  for (const alternative of alternatives) walk(alternative, [], 1, false, 0);
  return certain ? beginnings : undefined;
}

/** The characters a pattern character stands for, as word codes (letters in both cases alike). */
function charSet(c: number): CharSet {
  return new Set([wordCode(c)]);
}

const DIGITS: CharSet = new Set(Array.from({ length: 10 }, (_, i) => 26 + i));
const WORD: CharSet = new Set(Array.from({ length: WORD_CODES }, (_, i) => i));
const NON_WORD: CharSet = new Set([OTHER]);

/** A reader of regular-expression sources, enough for the NLU's patterns; anything unusual throws. */
class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const alternatives = this.alternatives();
    if (this.at !== this.source.length) throw new Error('unbalanced');
    return alternatives;
  }

  private alternatives(): Node[][] {
    const alternatives: Node[][] = [[]];
    while (this.at < this.source.length && this.source[this.at] !== ')') {
      if (this.source[this.at] === '|') {
        this.at++;
        alternatives.push([]);
        continue;
      }
      const atom = this.atom();
      alternatives[alternatives.length - 1].push(this.quantified(atom));
    }
    return alternatives;
  }

  private atom(): Node {
    const c = this.source[this.at++];
    switch (c) {
      case '^':
        return { kind: 'assert', startsWord: true };
      case '$':
        return { kind: 'assert', startsWord: false };
      case '.':
        return { kind: 'char', set: ALL };
      case '[':
        return { kind: 'char', set: this.charClass() };
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case '|':
      case ')':
        throw new Error(`unexpected ${c}`);
      default:
        return { kind: 'char', set: charSet(c.charCodeAt(0)) };
    }
  }

  private group(): Node {
    let lookaround = false;
    if (this.source[this.at] === '?') {
      const rest = this.source.slice(this.at, this.at + 3);
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        lookaround = true;
        this.at += 2;
      } else if (rest === '?<=' || rest === '?<!') {
        lookaround = true;
        this.at += 3;
      } else if (rest.startsWith('?<')) {
        const close = this.source.indexOf('>', this.at);
        if (close < 0) throw new Error('bad group name');
        this.at = close + 1;
      } else throw new Error('unknown group');
    }
    const alternatives = this.alternatives();
    if (this.source[this.at++] !== ')') throw new Error('unclosed group');
    // A lookaround consumes nothing and is not followed: it only narrows, so ignoring it is safe.
    return lookaround ? { kind: 'assert', startsWord: false } : { kind: 'group', alternatives };
  }

  private escape(): Node {
    const c = this.source[this.at++];
    if (c === undefined) throw new Error('trailing backslash');
    switch (c) {
      case 'b':
        return { kind: 'assert', startsWord: true };
      case 'B':
        return { kind: 'assert', startsWord: false };
      default:
        return { kind: 'char', set: this.escapedChars(c) };
    }
  }

  /** The characters of an escape (after the backslash), inside or outside a class. */
  private escapedChars(c: string): CharSet {
    switch (c) {
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
      case 'W':
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
        return NON_WORD;
      case 'D':
      case 'S':
        return ALL;
      case 'u':
      case 'x':
      case 'c':
      case 'p':
      case 'P':
      case 'k':
        // Code points, properties and named references: not followed.
        throw new Error(`escape \\${c}`);
      default:
        if (/\d/.test(c)) throw new Error('back reference');
        return charSet(c.charCodeAt(0));
    }
  }

  private charClass(): CharSet {
    // A negated class is read like any other, then taken as any character.
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    const set = new Set<number>();
    let previous: number | undefined;
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      const c = this.source[this.at++];
      if (c === '\\') {
        const escaped = this.source[this.at++];
        if (escaped === undefined) throw new Error('trailing backslash');
        for (const code of escaped === 'b' ? NON_WORD : this.escapedChars(escaped)) set.add(code);
        previous = /[dwsWDSnrtfv]/.test(escaped) ? undefined : escaped.charCodeAt(0);
        continue;
      }
      if (
        c === '-' &&
        previous !== undefined &&
        this.source[this.at] !== ']' &&
        this.source[this.at] !== undefined
      ) {
        let to = this.source[this.at++];
        if (to === '\\') to = this.source[this.at++];
        const end = to.charCodeAt(0);
        if (end < previous || end - previous > 512) throw new Error('wide range');
        for (let code = previous; code <= end; code++) set.add(wordCode(code));
        previous = undefined;
        continue;
      }
      set.add(wordCode(c.charCodeAt(0)));
      previous = c.charCodeAt(0);
    }
    if (this.source[this.at++] !== ']') throw new Error('unclosed class');
    return negated ? ALL : set;
  }

  private quantified(atom: Node): Node {
    const c = this.source[this.at];
    let min: number;
    let max: number;
    if (c === '?' || c === '*' || c === '+') {
      this.at++;
      [min, max] = c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    } else if (c === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!braces) throw new Error('literal brace');
      this.at += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
    } else return atom;
    if (this.source[this.at] === '?') this.at++; // lazy: the same characters
    // An assertion that may be skipped asserts nothing.
    if (atom.kind === 'assert') return min === 0 ? { kind: 'assert', startsWord: false } : atom;
    return { kind: 'repeat', node: atom, min, max };
  }
}
