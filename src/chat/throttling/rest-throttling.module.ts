import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { securityConfig } from '../../config/configuration';
import { RedisModule } from '../../redis/redis.module';
import { RestThrottlerGuard } from './rest-throttler.guard';
import { RestThrottlerStorage } from './rest-throttler.storage';

@Module({ imports: [RedisModule], providers: [RestThrottlerStorage], exports: [RestThrottlerStorage] })
class RestThrottlerStorageModule {}

/** RATE_LIMIT_PER_MINUTE per client IP on the chat and bets routes (health, docs and metrics are not throttled). */
@Module({
  imports: [
    RestThrottlerStorageModule,
    ThrottlerModule.forRootAsync({
      imports: [RestThrottlerStorageModule],
      inject: [securityConfig.KEY, RestThrottlerStorage],
      useFactory: (security: ConfigType<typeof securityConfig>, storage: RestThrottlerStorage) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: security.restRequestsPerMinute }],
        storage,
      }),
    }),
  ],
  providers: [RestThrottlerGuard],
  // The counters are exported too: the socket message limit (src/gateway) shares them.
  exports: [ThrottlerModule, RestThrottlerGuard, RestThrottlerStorageModule],
})
export class RestThrottlingModule {}
