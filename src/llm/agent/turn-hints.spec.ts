import { turnZone } from './turn-hints';

describe('turnZone', () => {
  const stated = { zone: 'America/Lima', stated: true };
  const asked = { zone: 'Asia/Tokyo', stated: false };

  it('takes the zone the message names first', () => {
    expect(turnZone({ timezone: 'Europe/Madrid', userZone: stated }, 'Europe/Paris')).toBe('Europe/Madrid');
  });

  it("takes where the user said they are over the client's zone", () => {
    expect(turnZone({ userZone: stated }, 'Europe/Paris')).toBe('America/Lima');
  });

  it("keeps a clock only asked for earlier below the client's zone", () => {
    expect(turnZone({ userZone: asked }, 'Europe/Paris')).toBe('Europe/Paris');
    expect(turnZone({ userZone: asked }, undefined)).toBe('Asia/Tokyo');
    expect(turnZone({}, undefined)).toBeUndefined();
  });
});
