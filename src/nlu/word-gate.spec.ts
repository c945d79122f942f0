import { matchBeginnings, WordGate } from './word-gate';

/** The beginnings as strings ('·' for a non-word character), each class spelled out, sorted. */
function beginnings(pattern: RegExp): string[] | undefined {
  const letter = (c: number) =>
    c < 26 ? String.fromCharCode(97 + c) : c < 36 ? String(c - 26) : c === 36 ? '_' : '·';
  const spell = (sets: ReadonlyArray<ReadonlySet<number>>): string[] =>
    sets.length === 0
      ? ['']
      : [...sets[0]].flatMap((c) => spell(sets.slice(1)).map((rest) => letter(c) + rest));
  return matchBeginnings(pattern)?.flatMap(spell).sort();
}

describe('matchBeginnings', () => {
  it('reads how each alternative begins, up to six characters, when it starts a word', () => {
    expect(beginnings(/\bcancel+(?:ed|ing)?\b|\bno (?:bet|thanks)\b/)).toEqual([
      'cancel',
      'no·bet',
      'no·tha',
    ]);
    expect(beginnings(/^(?:yes|sure)\b/)).toEqual(['sure', 'yes']);
    expect(beginnings(/\b(?:place|make|put)\b[^.]*\breal\b/)).toEqual([
      'make',
      'makere',
      'place',
      'placer',
      'put',
      'putrea',
    ]);
  });

  it('follows classes, optional and repeated parts, and stops where classes would spell too much', () => {
    expect(beginnings(/\b(?:x|1x)\b/)).toEqual(['1x', 'x']);
    expect(beginnings(/\bc[oó]rners?\b/i)).toEqual(['corner', 'c·rner']);
    expect(beginnings(/\bs?im\b/)).toEqual(['im', 'sim']);
    expect(beginnings(/\b\d\d\dh\b/)).toHaveLength(10); // the first digit only
    expect(beginnings(/(?<![\d.])\b(?:1x|x2)\b(?!\s?2)/)).toEqual(['1x', 'x2']);
  });

  it('gives up (the pattern always runs) where a match may not start a word with known characters', () => {
    expect(matchBeginnings(/cancel/)).toBeUndefined(); // may start inside a word
    expect(matchBeginnings(/\b(?:bet|\$\d+)/)).toBeUndefined(); // may start on a symbol
    expect(matchBeginnings(/(?:^|\s)-\d/)).toBeUndefined();
    expect(matchBeginnings(/^\s*\d+ on\b/)).toBeUndefined();
    expect(matchBeginnings(/\bcancel/g)).toBeUndefined(); // a skipped test would keep lastIndex
    expect(matchBeginnings(/\bcancel/iu)).toBeUndefined(); // \w takes ſ and K there
    expect(matchBeginnings(/\b\u0063ancel/)).toBeUndefined();
    expect(matchBeginnings(/\b(a)\1/)).toBeUndefined();
    expect(matchBeginnings(/(?:\b)?cancel/)).toBeUndefined(); // an optional boundary bounds nothing
    expect(matchBeginnings(/\b(?:)*/)).toBeUndefined();
  });
});

describe('WordGate', () => {
  const CANCEL = /\bcancel+(?:ed|ing)?\b|\bforget (?:it|that)\b/;
  const ZONE = /\b(cet|est|utc)\b/i;
  const NUMBER = /(?<![\d.])\d+/; // not gated: starts inside words
  const gate = new WordGate([CANCEL, ZONE, NUMBER]);

  it('rules out the patterns a message holds no word for, and runs the rest', () => {
    const question = gate.scan('when does Arsenal play next?');
    expect(question.may(CANCEL)).toBe(false);
    expect(question.may(ZONE)).toBe(false);
    expect(question.may(NUMBER)).toBe(true);
    expect(gate.alwaysRuns(NUMBER)).toBe(true);
    expect(gate.scan('ok, forget it').may(CANCEL)).toBe(true);
    expect(gate.scan('kick-off in CET?').exec(ZONE)?.[1]).toBe('CET');
  });

  it('says whether the text holds a digit', () => {
    expect(gate.scan('bet 20 on it').digits).toBe(true);
    expect(gate.scan('bet twenty on it').digits).toBe(false);
  });

  it('runs a pattern it was not built with', () => {
    expect(gate.scan('anything').test(/thing/)).toBe(true);
  });

  it('never rules out a pattern that matches (generated texts)', () => {
    const patterns = [
      CANCEL,
      ZONE,
      /\b(?:draw|the tie|empate|x)\b/,
      /\bc[oó]rners?\b|\bescanteios?\b/i,
      /\b(?:over|under|mas de)\s*(\d{1,2}(?:[.,]5))\b/,
      /^(?:si|va|listo|vale)\b[ !.]*$/,
      /\b\d+(?:[.,]\d+)?e[+-]?\d+\b|\bnan\b/,
      /\b(?:1x|x2)\b(?!\s?2)/,
      /\bh[aá]ndicap\b|\b(?:ah|eh)\s?[+-]\d/,
      /\bCET\b/,
    ];
    const all = new WordGate(patterns);
    const pieces = [
      'cancel',
      'cancelled',
      'Forget',
      'it',
      'x',
      'X2',
      '1x',
      'draw',
      'córner',
      'CORNERS',
      'escanteio',
      'over',
      'mas de',
      '2.5',
      '3,5',
      'si',
      'Vale',
      '1e9',
      'NaN',
      'hándicap',
      'ah',
      '-1',
      '+2',
      'cet',
      'CET',
      'UTC',
      'é',
      'ó',
      '_',
      '-',
      '.',
      '!',
      ' ',
      '',
      '9',
      'a',
    ];
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // Read as a plain copy: runs of white space and ?! as one space, trimmed.
    const spaces = (c: number) => /[\s?!]/.test(String.fromCharCode(c));
    const plainCopy = (text: string) => text.replace(/[\s?!]+/g, ' ').trim();
    for (let i = 0; i < 5000; i++) {
      const words = Array.from({ length: 1 + next(5) }, () => pieces[next(pieces.length)]);
      const text = words.join(['', ' ', '  ', '-', ',', ' ? ', '\t'][next(7)]);
      const scan = all.scan(text);
      const plain = all.scan(text, { spaces, text: () => plainCopy(text) });
      for (const pattern of patterns) {
        if (scan.test(pattern) !== pattern.test(text))
          throw new Error(`${String(pattern)} ruled out on ${JSON.stringify(text)}`);
        if (plain.test(pattern) !== pattern.test(plainCopy(text)))
          throw new Error(`${String(pattern)} ruled out on the plain copy of ${JSON.stringify(text)}`);
      }
    }
  });

  it('builds a plain copy only when some pattern has to run on it', () => {
    let built = 0;
    const copy = (text: string) => ({
      spaces: (c: number) => c === 32 || c === 63,
      text: () => (built++, text.replace(/[ ?]+/g, ' ').trim()),
    });
    expect(gate.scan('when does   Arsenal play?', copy('when does   Arsenal play?')).test(CANCEL)).toBe(
      false,
    );
    expect(built).toBe(0);
    const forget = gate.scan('forget    it?', copy('forget    it?'));
    expect(forget.test(CANCEL)).toBe(true);
    expect(forget.text).toBe('forget it');
    expect(built).toBe(1);
  });
});
