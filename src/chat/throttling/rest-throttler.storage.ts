import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { withTimeout } from '../../common/timeout';
import { RedisConnection } from '../../redis/redis-connection';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const REDIS_TIMEOUT_MS = 250;

/**
 * One window's hit count and its block, atomically: the algorithm of
 * @nest-lab/throttler-storage-redis (after wyattjoh's rate-limit-redis), which this replaces so
 * the process speaks to Redis through one client library and one connection. Returns
 * { totalHits, msToWindowEnd, blocked (1|0), msToBlockEnd }.
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local blocked = redis.call('GET', KEYS[2])
local blockTtl = 0
if blocked then
  blockTtl = redis.call('PTTL', KEYS[2])
elseif hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  blocked = '1'
  blockTtl = tonumber(ARGV[3])
end
if blocked and blockTtl <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
  hits = 1
  ttl = tonumber(ARGV[1])
  blocked = false
end
return { hits, ttl, blocked and 1 or 0, blockTtl }`;

/**
 * Rate-limit counters (REST per IP, socket messages per user, handshakes per address): in Redis
 * when configured, so a limit holds across instances, in memory otherwise. While Redis is
 * unreachable or slow the counters fall back to this instance's memory: limits stay enforced per
 * instance rather than every request failing or hanging.
 */
@Injectable()
export class RestThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RestThrottlerStorage.name);
  private readonly memory = new ThrottlerStorageService();
  private warned = false;

  constructor(private readonly redis: RedisConnection) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    // Without Redis the library's promise is handed on as it is: wrapping it in this method's own
    // async frame would cost every message two more promise hops for nothing.
    if (!this.redis.client) return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    return this.incrementShared(key, ttl, limit, blockDuration, throttlerName);
  }

  private async incrementShared(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    const client = this.redis.client;
    if (client) {
      try {
        // The hash tag keeps both keys in one cluster slot; the names are the replaced library's.
        const keys = [`{${key}:${throttlerName}}:hits`, `{${key}:${throttlerName}}:blocked`];
        const reply = client.eval(INCREMENT, { keys, arguments: [String(ttl), String(limit), String(blockDuration)] });
        const [totalHits, msToWindowEnd, blocked, msToBlockEnd] = (await withTimeout(reply, REDIS_TIMEOUT_MS, 'throttler redis')) as number[];
        this.warned = false;
        return {
          totalHits,
          timeToExpire: Math.ceil(msToWindowEnd / 1000),
          isBlocked: blocked === 1,
          timeToBlockExpire: Math.ceil(msToBlockEnd / 1000),
        };
      } catch (error) {
        if (!this.warned) this.logger.warn(`rate-limit counters fall back to memory: ${(error as Error).message}`);
        this.warned = true;
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.memory.onApplicationShutdown();
  }
}
