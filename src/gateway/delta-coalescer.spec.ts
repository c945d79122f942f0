import { COALESCE_MAX_CHARS, DeltaCoalescer } from './delta-coalescer';

describe('DeltaCoalescer', () => {
  it('sends a frame as soon as enough characters are pending', () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    coalescer.push('a'.repeat(COALESCE_MAX_CHARS - 1));
    expect(frames).toEqual([]);
    coalescer.push('bc');
    expect(frames).toEqual(['a'.repeat(COALESCE_MAX_CHARS - 1) + 'bc']);
  });

  it('sends small pending text after the delay, and on flush, in order', async () => {
    const frames: string[] = [];
    const coalescer = new DeltaCoalescer((text) => frames.push(text));
    coalescer.push('Hello ');
    coalescer.push('world');
    await new Promise((r) => setTimeout(r, 40));
    expect(frames).toEqual(['Hello world']);
    coalescer.push('!');
    coalescer.flush();
    coalescer.flush();
    expect(frames).toEqual(['Hello world', '!']);
  });
});
