import { needsLiveTeam, parseDialogues, selectDialogues } from './dialogue-case';

const line = (value: unknown) => JSON.stringify(value);

describe('parseDialogues', () => {
  const a = {
    id: 'a',
    lang: 'en',
    category: 'bet_slip',
    turns: [{ user: 'ten on the Rovers', expect: { proposal: { stake: 10 } } }, { user: 'thanks' }],
  };
  const b = { id: 'b', lang: 'es', category: 'coverage', turns: [{ user: 'y {live_team}?' }] };

  it('reads one dialogue per line, skipping blank lines, and keeps unknown expect keys', () => {
    const cases = parseDialogues(
      `${line(a)}\n\n${line({ ...b, turns: [{ user: 'hola', expect: { mood: 1 } }] })}\n`,
    );
    expect(cases.map((c) => c.id)).toEqual(['a', 'b']);
    expect(cases[0].turns).toEqual([
      { user: 'ten on the Rovers', expect: { proposal: { stake: 10 } } },
      { user: 'thanks' },
    ]);
    expect(cases[1].turns[0].expect).toEqual({ mood: 1 });
  });

  it('names the line of a malformed dialogue', () => {
    expect(() => parseDialogues(`${line(a)}\n{nope`)).toThrow('line 2: not JSON');
    expect(() => parseDialogues(line({ ...a, category: '' }))).toThrow(
      'line 1: "category" must be a non-empty string',
    );
    expect(() => parseDialogues(line({ ...a, turns: [] }))).toThrow('"turns" must be a non-empty array');
    expect(() => parseDialogues(line({ ...a, turns: [{ user: 3 }] }))).toThrow(
      'line 1 (a), turn 1: "user" must be a string',
    );
    expect(() => parseDialogues(line({ ...a, turns: [{ user: 'x', expect: ['intent'] }] }))).toThrow(
      '"expect" must be an object',
    );
    expect(() => parseDialogues(`${line(a)}\n${line(a)}`)).toThrow('line 2: duplicate id a');
  });

  it('selects dialogues by id, and refuses an id that is not there', () => {
    const cases = parseDialogues(`${line(a)}\n${line(b)}`);
    expect(selectDialogues(cases).map((c) => c.id)).toEqual(['a', 'b']);
    expect(selectDialogues(cases, ['b']).map((c) => c.id)).toEqual(['b']);
    expect(() => selectDialogues(cases, ['b', 'zz'])).toThrow('no dialogue with id zz');
  });

  it('tells which dialogues need a team that is playing now', () => {
    const [withoutLive, withLive] = parseDialogues(`${line(a)}\n${line(b)}`);
    expect(needsLiveTeam(withoutLive)).toBe(false);
    expect(needsLiveTeam(withLive)).toBe(true);
  });
});
