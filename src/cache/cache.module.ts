import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { RedisModule } from '../redis/redis.module';
import { RedisConnection } from '../redis/redis-connection';
import { CacheHealthIndicator } from './cache.health';
import { CacheService } from './cache.service';

/**
 * @keyv/redis reconnects on its own when asked to use a closed client, which would fight the
 * shared connection's backoff; while Redis is not ready every call fails at once instead, and
 * CacheService serves from its process-local tier.
 */
class ReadyGuardedRedisStore extends KeyvRedis<unknown> {
  constructor(
    private readonly connection: RedisConnection,
    options: ConstructorParameters<typeof KeyvRedis>[1],
  ) {
    super(connection.client, options);
  }

  private assertReady(): void {
    if (!this.connection.isReady) throw new Error('redis is not connected');
  }

  override async get<U>(key: string): Promise<U | undefined> {
    this.assertReady();
    return super.get<U>(key);
  }

  override async set(key: string, value: string, ttl?: number): Promise<void> {
    this.assertReady();
    return super.set(key, value, ttl);
  }

  override async delete(key: string): Promise<boolean> {
    this.assertReady();
    return super.delete(key);
  }
}

/**
 * cache-manager on Keyv: Redis through @keyv/redis when REDIS_URL/REDIS_HOST is set, in-memory
 * otherwise. (cache-manager-redis-yet only speaks the cache-manager v5 API.)
 */
@Module({
  imports: [
    RedisModule,
    TerminusModule,
    NestCacheModule.registerAsync({
      imports: [RedisModule],
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => {
        // In memory there is nothing to serialise: JSON round trips on every hit were a top item in
        // the bench's CPU profile. Cached values are treated as read-only by their readers.
        if (!redis.client) return { stores: [new Keyv({ serialize: undefined, deserialize: undefined })] };
        const store = new ReadyGuardedRedisStore(redis, { throwOnConnectError: false, throwOnErrors: true });
        const keyv = new Keyv({ store, useKeyPrefix: false, throwOnErrors: true });
        keyv.on('error', () => undefined);
        return { stores: [keyv] };
      },
    }),
  ],
  providers: [CacheService, CacheHealthIndicator],
  exports: [CacheService, CacheHealthIndicator],
})
export class CacheModule {}
