import { getMaxListeners } from 'node:events';
import { linkSignals } from './abort';

describe('linkSignals', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkSignals([a.signal, b.signal]);
    b.abort(new Error('b went first'));
    a.abort(new Error('a second'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('b went first');
    expect(linked.timedOut).toBe(false);
  });

  it('starts aborted when a source already is', () => {
    const a = new AbortController();
    a.abort('gone');
    expect(linkSignals([a.signal], 1000).signal.reason).toBe('gone');
  });

  it('times out after the deadline and says so', async () => {
    const source = new AbortController();
    const linked = linkSignals([source.signal], 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(linked.signal.aborted).toBe(true);
    expect(linked.timedOut).toBe(true);
    expect((linked.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('refresh() pushes the deadline back', async () => {
    const linked = linkSignals([], 60);
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      linked.refresh();
    }
    expect(linked.signal.aborted).toBe(false);
    linked.dispose();
  });

  it('after dispose neither the sources nor the deadline abort it, and no listener is left behind', async () => {
    const source = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const add = source.signal.addEventListener.bind(source.signal);
    const remove = source.signal.removeEventListener.bind(source.signal);
    source.signal.addEventListener = ((type: string, listener: () => void) => {
      added.push(listener);
      add(type, listener);
    });
    source.signal.removeEventListener = ((type: string, listener: () => void) => {
      removed.push(listener);
      remove(type, listener);
    });

    const linked = linkSignals([source.signal], 20);
    linked.dispose();
    expect(removed).toEqual(added);
    source.abort();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(linked.signal.aborted).toBe(false);
  });

  it('lets any number of parallel calls listen to one linked signal (no false leak warning)', () => {
    // Node warns once a signal has more than getMaxListeners() listeners (10 by default).
    expect(getMaxListeners(linkSignals([new AbortController().signal]).signal)).toBe(Infinity);
  });

  it('arm() and disarm() guard one phase at a time without aborting between them', async () => {
    const linked = linkSignals([]);
    linked.arm(20);
    linked.disarm();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(linked.signal.aborted).toBe(false);
    linked.arm(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(linked.timedOut).toBe(true);
    expect((linked.signal.reason as DOMException).message).toBe('no result within 20 ms');
  });
});
