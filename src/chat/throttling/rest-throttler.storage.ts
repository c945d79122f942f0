import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { redisConfig } from '../../config/configuration';
import { withTimeout } from '../../common/timeout';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const REDIS_TIMEOUT_MS = 250;

/**
 * REST rate-limit counters: in Redis when configured (so the limit holds across instances, via
 * @nest-lab/throttler-storage-redis on ioredis), in memory otherwise. While Redis is unreachable
 * the counters fall back to this instance's memory: limits stay enforced per instance rather than
 * every request failing or hanging.
 */
@Injectable()
export class RestThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RestThrottlerStorage.name);
  private readonly memory = new ThrottlerStorageService();
  private readonly redis?: ThrottlerStorageRedisService;
  private warned = false;

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    if (config.url) {
      this.redis = new ThrottlerStorageRedisService(config.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (times) => Math.min(100 * 2 ** times, 2000),
      });
      this.redis.redis.on('error', () => undefined);
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    if (this.redis) {
      try {
        const record = await withTimeout(this.redis.increment(key, ttl, limit, blockDuration, throttlerName), REDIS_TIMEOUT_MS, 'throttler redis');
        this.warned = false;
        return record;
      } catch (error) {
        if (!this.warned) this.logger.warn(`rate-limit counters fall back to memory: ${(error as Error).message}`);
        this.warned = true;
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.redis?.onModuleDestroy();
    this.memory.onApplicationShutdown();
  }
}
