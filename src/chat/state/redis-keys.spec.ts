import { cacheKey, keyPart } from '../../cache/cache-namespaces';
import { chatKeys } from './redis-keys';

describe('store keys built from client ids', () => {
  it('never give two different (user, session, message) triples one key', () => {
    const triples: Array<[string, string, string]> = [
      ['vic', 'b:c', 'm1'],
      ['vic:b', 'c', 'm1'],
      ['vic', 'b', 'c:m1'],
      ['vic%3Ab', 'c', 'm1'],
      ['vic', 'b%3Ac', 'm1'],
    ];
    const keys = triples.map(([user, session, message]) => chatKeys.messageId(user, session, message));
    expect(new Set(keys).size).toBe(triples.length);
  });

  it('keep an id from reaching into another key of its session', () => {
    const owned = [chatKeys.messages('S'), chatKeys.openSlip('S')];
    for (const id of ['S:messages', 'S:slip']) expect(owned).not.toContain(chatKeys.session(id));
  });

  it('leave ids without ":" or "%" as they were, so stored state keeps its keys', () => {
    expect(chatKeys.session('sess_1.a-b')).toBe('chatbet:v1:chat:session:sess_1.a-b');
    expect(cacheKey('odds', 'fx1', undefined)).toBe('chatbet:v1:odds:fx1:_');
    expect(keyPart('a:b%c')).toBe('a%3Ab%25c');
    expect(keyPart('only:colon')).toBe('only%3Acolon');
    expect(keyPart('only%percent')).toBe('only%25percent');
    expect(keyPart(42)).toBe('42');
  });
});
