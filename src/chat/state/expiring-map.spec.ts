import { ExpiringMap } from './expiring-map';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExpiringMap', () => {
  it('forgets an entry once its TTL has passed, and only then', async () => {
    const map = new ExpiringMap<string>();
    map.set('short', 'a', 30);
    map.set('long', 'b', 5_000);
    expect(map.get('short')).toBe('a');
    await pause(60);
    expect(map.get('short')).toBeUndefined();
    expect(map.has('short')).toBe(false);
    expect(map.get('long')).toBe('b');
  });

  it('setIfAbsent refuses a live key and takes an expired one, like SET NX PX', async () => {
    const map = new ExpiringMap<string>();
    expect(map.setIfAbsent('lock', 'first', 30)).toBe(true);
    expect(map.setIfAbsent('lock', 'second', 30)).toBe(false);
    expect(map.get('lock')).toBe('first');
    await pause(60);
    expect(map.setIfAbsent('lock', 'third', 30)).toBe(true);
    expect(map.get('lock')).toBe('third');
  });

  it('touch gives a live entry a new TTL from now and leaves missing ones missing', async () => {
    const map = new ExpiringMap<string>();
    map.set('session', 's', 50);
    await pause(30);
    map.touch('session', 100);
    await pause(40);
    expect(map.get('session')).toBe('s');
    map.touch('gone', 100);
    expect(map.get('gone')).toBeUndefined();
  });

  it('keeps at most its bound, dropping the entry written longest ago', () => {
    const map = new ExpiringMap<number>(3);
    for (const key of ['a', 'b', 'c']) map.set(key, 1, 60_000);
    map.touch('a', 60_000);
    map.set('d', 1, 60_000);
    expect(map.keys()).toEqual(['c', 'a', 'd']);
    expect(map.delete('a')).toBe(true);
    expect(map.get('a')).toBeUndefined();
  });

  it('drops expired entries as it is written to, without anyone reading them', async () => {
    const map = new ExpiringMap<number>();
    for (let i = 0; i < 10; i++) map.set(`old-${i}`, i, 20);
    await pause(40);
    for (let i = 0; i < 10; i++) map.set(`new-${i}`, i, 60_000);
    expect(map.keys().filter((k) => k.startsWith('old-'))).toEqual([]);
    expect(map.keys()).toHaveLength(10);
  });
});
