import { LlmUnavailableError } from '../../common/errors';
import { ModelCallLimiter } from './model-call-limiter';

const never = new AbortController().signal;

/** The refusal a call gets, or undefined when it was let through. */
async function refusal(promise: Promise<number>): Promise<LlmUnavailableError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof LlmUnavailableError) return error;
    throw error;
  }
}

describe('ModelCallLimiter', () => {
  it('lets every call through at once when unlimited', async () => {
    const limiter = ModelCallLimiter.unlimited();
    const waits = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire(0, never)));
    expect(waits.every((w) => w === 0)).toBe(true);
  });

  it('lets perMinute calls start in a window, then queues the next for the start of the first one’s next window', async () => {
    let now = 1_000;
    const limiter = new ModelCallLimiter(2, 60, () => now);
    expect(await limiter.acquire(0, never)).toBe(0);
    now = 1_010;
    expect(await limiter.acquire(0, never)).toBe(0);
    // The first call's window ends at 1 060: the third call waits the 50 ms left, not a whole window.
    expect(await limiter.acquire(1_000, never)).toBe(50);
  });

  it('refuses at once a call that would wait longer than the caller can, saying when a turn frees up', async () => {
    const now = 0;
    const limiter = new ModelCallLimiter(1, 60_000, () => now);
    await limiter.acquire(0, never);
    const refused = await refusal(limiter.acquire(10_000, never));
    expect(refused?.code).toBe('LLM_UNAVAILABLE');
    expect(refused?.retryAfterSeconds).toBe(60);
    // A refused call takes no turn: the next caller is told the same wait.
    expect((await refusal(limiter.acquire(0, never)))?.retryAfterSeconds).toBe(60);
  });

  it('gives the turn of a call stopped while queued to the calls behind it', async () => {
    const now = 0;
    const limiter = new ModelCallLimiter(2, 1_000, () => now);
    await limiter.acquire(0, never);
    await limiter.acquire(0, never);
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    const first = limiter.acquire(5_000, stopFirst.signal);
    const second = limiter.acquire(5_000, stopSecond.signal);
    // Both queued for 1 000; a fifth call would be two windows away.
    expect((await refusal(limiter.acquire(0, never)))?.retryAfterSeconds).toBe(2);
    stopFirst.abort();
    await expect(first).rejects.toThrow();
    expect((await refusal(limiter.acquire(0, never)))?.retryAfterSeconds).toBe(1);
    stopSecond.abort();
    await expect(second).rejects.toThrow();
  });
});
