import { RateLimitedError } from '../common/errors';
import { MessageRateLimiter } from './message-rate-limiter';

describe('MessageRateLimiter', () => {
  it('allows N messages per sliding minute and says when the next one is allowed', () => {
    const limiter = new MessageRateLimiter(2);
    limiter.take(0);
    limiter.take(10_000);
    let error: unknown;
    try {
      limiter.take(20_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(40);
    expect(() => limiter.take(60_001)).not.toThrow();
  });
});
