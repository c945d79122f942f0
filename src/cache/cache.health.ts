import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnection } from '../redis/redis-connection';
import { CacheService } from './cache.service';

/** Readiness: the cache store answers a write/read round trip quickly. */
@Injectable()
export class CacheHealthIndicator {
  constructor(
    private readonly cache: CacheService,
    private readonly redis: RedisConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'cache') {
    const indicator = this.health.check(key);
    const store = this.redis.enabled ? 'redis' : 'memory';
    try {
      await this.cache.probe(500);
      return indicator.up({ store });
    } catch (error) {
      return indicator.down({ store, message: (error as Error).message });
    }
  }
}
