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
