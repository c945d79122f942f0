import { expandSlang } from './chat-slang';

describe('expandSlang', () => {
  it('leaves words that are also members of every object as they are', () => {
    expect(expandSlang('the constructor of this team is great')).toBe('the constructor of this team is great');
  });
});
