import { COALESCE_MIN_WINDOW_MS } from './coalescing-window';
import { COALESCE_MAX_CHARS, DeltaCoalescer } from './delta-coalescer';

describe('DeltaCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const collect = (window?: { current: number }) => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text), window);
    return { frames, coalescer };
  };

  it('sends the first delta of a turn at once', () => {
    const { frames, coalescer } = collect();
    coalescer.push('Hi');
    expect(frames).toEqual(['Hi']);
  });

  const answer =
    'Lyon host Marseille on Sunday evening.\n\nA Lyon win is priced 2.45, the draw 3.30 and a Marseille win 2.90 at the moment, with more markets open.';

  it('sends an answer that exists at once as one frame, however long, once this turn of the event loop ends', () => {
    const { frames, coalescer } = collect();
    coalescer.push(answer);
    expect(frames).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(frames).toEqual([answer]);
    jest.runAllTimers();
    expect(frames).toEqual([answer]);
  });

  it('joins what else is written before the loop moves on (a figure the guard held) to that frame', async () => {
    const { frames, coalescer } = collect();
    coalescer.push(answer);
    // The held tail comes a few promise hops later, still in the same turn of the loop.
    await Promise.resolve();
    await Promise.resolve();
    coalescer.push(' Draw 3.30');
    jest.advanceTimersByTime(0);
    expect(frames).toEqual([`${answer} Draw 3.30`]);
  });

  it('sends text that exists at once right away when another event follows (the final, a tool call)', () => {
    const { frames, coalescer } = collect();
    coalescer.push(answer);
    coalescer.push('!');
    coalescer.flush();
    expect(frames).toEqual([`${answer}!`]);
    jest.runAllTimers();
    expect(frames).toHaveLength(1);
  });

  it('sends a long delta after streamed text whole, with whatever was pending before it', () => {
    const { frames, coalescer } = collect();
    coalescer.push('Checking. ');
    coalescer.push('Here');
    const sentence = ' is a corrected sentence that the guard let through in one piece, price 1.95.';
    coalescer.push(sentence);
    expect(frames).toEqual(['Checking. ']);
    jest.advanceTimersByTime(0);
    expect(frames).toEqual(['Checking. ', `Here${sentence}`]);
    jest.runAllTimers();
    expect(frames).toHaveLength(2);
  });

  it('after the first frame, joins small deltas until enough characters are pending', () => {
    const { frames, coalescer } = collect();
    coalescer.push('Hi');
    coalescer.push('a'.repeat(COALESCE_MAX_CHARS - 2));
    expect(frames).toEqual(['Hi']);
    coalescer.push('bc');
    expect(frames).toEqual(['Hi', `${'a'.repeat(COALESCE_MAX_CHARS - 2)}bc`]);
  });

  it('sends small pending text once the window has passed, and on flush, in order', () => {
    const { frames, coalescer } = collect();
    coalescer.push('Hello');
    coalescer.push(' wide');
    coalescer.push(' world');
    expect(frames).toEqual(['Hello']);
    jest.advanceTimersByTime(COALESCE_MIN_WINDOW_MS - 1);
    expect(frames).toEqual(['Hello']);
    jest.advanceTimersByTime(1);
    expect(frames).toEqual(['Hello', ' wide world']);
    coalescer.push('!');
    coalescer.flush();
    coalescer.flush();
    expect(frames).toEqual(['Hello', ' wide world', '!']);
  });

  it('streams tokens that arrive slower than the window one frame each (a model writing word by word)', () => {
    const { frames, coalescer } = collect();
    const tokens = ['The', ' match', ' starts', ' at', ' eight', '.'];
    for (const token of tokens) {
      coalescer.push(token);
      jest.advanceTimersByTime(COALESCE_MIN_WINDOW_MS + 9);
    }
    expect(frames).toEqual(tokens);
  });

  it('keeps sending small deltas one window apart, whether the last window fired or was flushed early', () => {
    const { frames, coalescer } = collect();
    coalescer.push('a');
    for (const token of ['b', 'c']) {
      coalescer.push(token);
      expect(frames.at(-1)).not.toBe(token);
      jest.advanceTimersByTime(COALESCE_MIN_WINDOW_MS);
      expect(frames.at(-1)).toBe(token);
    }
    coalescer.push('d');
    coalescer.flush();
    coalescer.push('e');
    jest.advanceTimersByTime(COALESCE_MIN_WINDOW_MS);
    expect(frames).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('holds pending text for the window the source gives when the timer is armed', () => {
    const window = { current: 40 };
    const { frames, coalescer } = collect(window);
    coalescer.push('a');
    coalescer.push('b');
    jest.advanceTimersByTime(39);
    expect(frames).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(frames).toEqual(['a', 'b']);
    // Narrowed meanwhile: the next frame waits the new window, not the old timer's.
    window.current = COALESCE_MIN_WINDOW_MS;
    coalescer.push('c');
    jest.advanceTimersByTime(COALESCE_MIN_WINDOW_MS);
    expect(frames).toEqual(['a', 'b', 'c']);
    window.current = 30;
    coalescer.push('d');
    jest.advanceTimersByTime(29);
    expect(frames).toEqual(['a', 'b', 'c']);
    jest.advanceTimersByTime(1);
    expect(frames).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores empty deltas', () => {
    const { frames, coalescer } = collect();
    coalescer.push('');
    coalescer.push('x');
    coalescer.push('');
    coalescer.flush();
    expect(frames).toEqual(['x']);
  });
});
