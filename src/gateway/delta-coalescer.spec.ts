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
});
