import { joinUrl } from './sports-api.transport';

describe('joinUrl', () => {
  it.each([
    ['https://api.example.test', '/sports/odds'],
    ['https://api.example.test/', '/sports/odds'],
    ['https://api.example.test/', 'sports/odds'],
    ['https://api.example.test//', '/sports/odds'],
  ])('joins %p and %p without doubling or dropping slashes', (base, path) => {
    const url = joinUrl(base, path);
    expect(url.toString()).toBe('https://api.example.test/sports/odds');
  });

  it('keeps a path prefix on the base URL', () => {
    expect(joinUrl('https://gw.example.test/chatbet', '/sports').toString()).toBe(
      'https://gw.example.test/chatbet/sports',
    );
    expect(joinUrl('https://gw.example.test/chatbet/', '/sports').toString()).toBe(
      'https://gw.example.test/chatbet/sports',
    );
  });

  it('sends every query value as a string and leaves out undefined ones', () => {
    const url = joinUrl('http://127.0.0.1:4010', '/sports/odds', {
      sportId: '1',
      fixtureId: 27907678,
      amount: 1,
      x: undefined,
      b: false,
    });
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sportId: '1',
      fixtureId: '27907678',
      amount: '1',
      b: 'false',
    });
  });
});
