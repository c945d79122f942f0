import { foldAccents, foldName, normalizeName, sameTeam, tokenize } from './text';

describe('text normaliser', () => {
  it('folds accents and case, leaving plain ASCII as lowercase', () => {
    expect(foldAccents('Mengão x Barça')).toBe('mengao x barca');
    expect(foldAccents('SEVÍLLA')).toBe('sevilla');
    expect(foldAccents('When does Arsenal play?')).toBe('when does arsenal play?');
  });

  it('gives tokens the offsets of the original text, with or without accents', () => {
    const text = 'Olá, São Paulo x Grêmio!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['ola', 'sao', 'paulo', 'x', 'gremio']);
    for (const t of tokens) expect(foldAccents(text.slice(t.start, t.end))).toBe(t.norm);
    const ascii = tokenize('Odds for MAN CITY?');
    expect(ascii.map((t) => [t.norm, t.start, t.end])).toEqual([
      ['odds', 0, 4],
      ['for', 5, 8],
      ['man', 9, 12],
      ['city', 13, 17],
    ]);
  });

  it('trims possessives and inner apostrophes, and dots outside numbers, in both scripts', () => {
    expect(tokenize("Sevilla's odds, o'neill").map((t) => t.norm)).toEqual(['sevilla', 'odds', 'oneill']);
    expect(tokenize('Atlético’s next game').map((t) => t.norm)).toEqual(['atletico', 'next', 'game']);
    expect(tokenize('U.S.A. over 2.5').map((t) => t.norm)).toEqual(['usa', 'over', '2.5']);
    expect(tokenize('Côte d.Ivoire 1.5').map((t) => t.norm)).toEqual(['cote', 'divoire', '1.5']);
  });

  it('reads ASCII text into the tokens its pattern matches, offsets included', () => {
    // The pattern the character walk for ASCII text stands in for, applied the same way.
    const byPattern = (text: string) =>
      [...text.toLowerCase().matchAll(/[a-z0-9]+(?:[.'][a-z0-9]+)*/g)]
        .map((m) => {
          let norm = m[0];
          if (norm.includes("'")) norm = norm.replace(/'s$/, '').replace(/'/g, '');
          if (norm.includes('.') && !/\d/.test(norm)) norm = norm.replace(/\./g, '');
          return { norm, start: m.index, end: m.index + m[0].length };
        })
        .filter((t) => t.norm.length > 0);
    // Every string of up to four characters from letters, digits, marks and spaces, and some longer ones.
    const alphabet = ['a', 'Z', '7', '.', "'", ' ', '-', 's'];
    const texts = ["x's. 'a' ..b 1.5. st.pauli O'Neill's 2.5.6 a..b a''b end.", "'s", "..a'.'b'"];
    let layer = [''];
    for (let length = 1; length <= 4; length++) {
      layer = layer.flatMap((prefix) => alphabet.map((c) => prefix + c));
      texts.push(...layer);
    }
    for (const text of texts) expect(tokenize(text)).toEqual(byPattern(text));
  });

  it('normalises a name to its tokens joined by single spaces', () => {
    expect(normalizeName('  Paris   Saint-Germain ')).toBe('paris saint germain');
    expect(normalizeName('Bayern München')).toBe('bayern munchen');
  });
});

describe('names compared', () => {
  it('folds a name for comparison: accents, case and runs of spaces', () => {
    expect(foldName('  Atlético   de  Madrid ')).toBe('atletico de madrid');
    expect(foldName('SÃO PAULO')).toBe('sao paulo');
  });

  it('calls two spellings of one team the same, and two teams of one city not', () => {
    expect(sameTeam('Inter Milan', 'inter')).toBe(true);
    expect(sameTeam('Bayern München', 'bayern munchen')).toBe(true);
    expect(sameTeam('Manchester United', 'Manchester City')).toBe(false);
    expect(sameTeam('Real Madrid', '')).toBe(false);
    // A localised listing adds connecting words.
    expect(sameTeam('Atlético de Madrid', 'Atletico Madrid')).toBe(true);
    expect(sameTeam('Atlético de Madrid', 'Real Madrid')).toBe(false);
  });
});
