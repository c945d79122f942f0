import type { ConfigType } from '@nestjs/config';
import type { securityConfig } from '../config/configuration';
import { RateLimitedError } from '../common/errors';
import { RestThrottlerStorage } from '../chat/throttling/rest-throttler.storage';
import { RedisConnection } from '../redis/redis-connection';
import { UserMessageLimiter } from './user-message-limiter';

describe('UserMessageLimiter', () => {
  let counters: RestThrottlerStorage;
  let limiter: UserMessageLimiter;
  beforeEach(() => {
    counters = new RestThrottlerStorage(new RedisConnection({ url: undefined, password: undefined, commandTimeoutMs: 1000 }));
    limiter = new UserMessageLimiter(counters, { socketMessagesPerMinute: 2 } as ConfigType<typeof securityConfig>);
  });
  afterEach(() => counters.onModuleDestroy());

  it('refuses the message past the budget with a retry-after inside the minute', async () => {
    await limiter.take('u1');
    await limiter.take('u1');
    const refused = await limiter.take('u1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('keeps one budget per user', async () => {
    await limiter.take('u1');
    await limiter.take('u1');
    await expect(limiter.take('u2')).resolves.toBeUndefined();
  });
});
