import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RateLimitedError } from '../common/errors';
import { securityConfig } from '../config/configuration';
import { RestThrottlerStorage } from '../chat/throttling/rest-throttler.storage';

const WINDOW_MS = 60_000;

/**
 * SOCKET_MESSAGES_PER_MINUTE per user, not per connection: every socket of one user, on either
 * transport, draws from one budget, so opening more connections buys no more messages. The
 * counters are the REST limit's (in Redis when configured, so the budget also holds across
 * instances; this instance's memory while Redis is unreachable), in one-minute windows.
 */
@Injectable()
export class UserMessageLimiter {
  constructor(
    private readonly counters: RestThrottlerStorage,
    @Inject(securityConfig.KEY) private readonly security: ConfigType<typeof securityConfig>,
  ) {}

  /** Counts one message of this user, or throws RateLimitedError (the connection stays open). */
  async take(userId: string): Promise<void> {
    const perMinute = this.security.socketMessagesPerMinute;
    const record = await this.counters.increment(`socket:messages:${userId}`, WINDOW_MS, perMinute, WINDOW_MS, 'socket');
    if (record.isBlocked) throw new RateLimitedError(Math.max(1, Math.ceil(record.timeToBlockExpire)));
  }
}
