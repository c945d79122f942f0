import { COALESCE_MAX_CHARS, DeltaCoalescer } from './delta-coalescer';

describe('DeltaCoalescer', () => {
  it('sends the first delta of a turn at once', () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    coalescer.push('Hi');
    expect(frames).toEqual(['Hi']);
  });

  it('after the first frame, sends one as soon as enough characters are pending', () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    coalescer.push('Hi');
    coalescer.push('a'.repeat(COALESCE_MAX_CHARS - 1));
    expect(frames).toEqual(['Hi']);
    coalescer.push('bc');
    expect(frames).toEqual(['Hi', 'a'.repeat(COALESCE_MAX_CHARS - 1) + 'bc']);
  });

  it('sends small pending text after the delay, and on flush, in order', async () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    coalescer.push('Hello');
    coalescer.push(' wide');
    coalescer.push(' world');
    expect(frames).toEqual(['Hello']);
    await new Promise((r) => setTimeout(r, 40));
    expect(frames).toEqual(['Hello', ' wide world']);
    coalescer.push('!');
    coalescer.flush();
    coalescer.flush();
    expect(frames).toEqual(['Hello', ' wide world', '!']);
  });

  it('cuts a long delta into frames of about COALESCE_MAX_CHARS after whole words, the rest after the delay', async () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    const answer =
      'Arsenal play Chelsea on Saturday at 15:00 UTC.\n\nThe home win pays 2.10, the draw 3.40 and the away win 3.60 right now.';
    coalescer.push(answer);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    let at = 0;
    for (const frame of frames) {
      // A frame ends with the word that reached the size, before the next space: never inside a word.
      expect(frame.length).toBeGreaterThanOrEqual(COALESCE_MAX_CHARS);
      expect(frame.length).toBeLessThan(COALESCE_MAX_CHARS + 12);
      at += frame.length;
      expect(/\s/.test(answer[at])).toBe(true);
    }
    expect(answer.length - at).toBeLessThan(COALESCE_MAX_CHARS);
    await new Promise((r) => setTimeout(r, 40));
    expect(frames.join('')).toBe(answer);
  });

  it('keeps a word longer than a frame whole', () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    const long = 'x'.repeat(COALESCE_MAX_CHARS + 10);
    coalescer.push(`${long} tail`);
    expect(frames).toEqual([long]);
    coalescer.flush();
    expect(frames).toEqual([long, ' tail']);
  });

  it('keeps sending small deltas one window apart, whether the last window fired or was flushed early', async () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    const pause = () => new Promise((r) => setTimeout(r, 40));
    coalescer.push('a');
    for (const token of ['b', 'c']) {
      coalescer.push(token);
      expect(frames.at(-1)).not.toBe(token);
      await pause();
      expect(frames.at(-1)).toBe(token);
    }
    coalescer.push('d');
    coalescer.flush();
    coalescer.push('e');
    await pause();
    expect(frames).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
