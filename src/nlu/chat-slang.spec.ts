import { expandSlang } from './chat-slang';

describe('expandSlang', () => {
  it('leaves words that are also members of every object as they are', () => {
    expect(expandSlang('the constructor of this team is great')).toBe('the constructor of this team is great');
  });

  it('spells out shorthand words, and only whole words', () => {
    expect(expandSlang('Wen is the nxt gm, tmrw?')).toBe('when is the next game, tomorrow?');
    expect(expandSlang('qnd joga o Grêmio hj')).toBe('quando joga o gremio hoje');
    // "u" inside "blue", "wk" inside "awkward", "2moro" inside "22moro": words of their own, left alone.
    expect(expandSlang('Blue awkward 22moro')).toBe('blue awkward 22moro');
  });
});
