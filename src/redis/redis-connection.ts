import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createClient, type RedisClientType } from 'redis';
import { redisConfig } from '../config/configuration';
import { withTimeout } from '../common/timeout';

/**
 * The one Redis connection of the process, or none when Redis is not configured. Commands fail
 * fast while disconnected (no offline queue), so callers can fall back instead of hanging, and the
 * client keeps reconnecting in the background until Redis is back. A Redis that is connected but
 * hung never answers and node-redis bounds a command only until it is written, so every caller
 * bounds its wait by REDIS_COMMAND_TIMEOUT_MS (`commandTimeoutMs`; the state stores through
 * requireState).
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: RedisClientType | undefined;
  private readonly duplicates: RedisClientType[] = [];

  constructor(@Inject(redisConfig.KEY) private readonly config: ConfigType<typeof redisConfig>) {
    this.client = config.url ? this.create(config.url) : undefined;
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  get isReady(): boolean {
    return this.client?.isReady ?? false;
  }

  /** REDIS_COMMAND_TIMEOUT_MS: the longest any caller waits for a Redis answer. */
  get commandTimeoutMs(): number {
    return this.config.commandTimeoutMs;
  }

  async onModuleInit(): Promise<void> {
    if (!this.client) {
      this.logger.log('Redis not configured: using in-process memory for cache and state');
      return;
    }
    // connect() keeps retrying while Redis is down, so it is not awaited past a short bound: the
    // service boots degraded and the client reconnects in the background.
    const connecting = this.client.connect().then(
      () => this.logger.log('Redis connected'),
      (error: Error) => this.logger.warn(`Redis connection failed: ${error.message}`),
    );
    await withTimeout(connecting, 1500, 'redis connect').catch(() =>
      this.logger.warn('Redis not reachable at boot; continuing degraded while it reconnects'),
    );
  }

  /** A second connection (pub/sub needs its own), closed with this one. */
  async duplicate(): Promise<RedisClientType> {
    if (!this.client) throw new Error('Redis is not configured');
    const copy = this.client.duplicate();
    copy.on('error', () => undefined);
    this.duplicates.push(copy);
    try {
      await withTimeout(copy.connect(), 2000, 'redis connect');
    } catch (error) {
      copy.destroy();
      throw error;
    }
    return copy;
  }

  async ping(timeoutMs: number): Promise<void> {
    if (!this.client) throw new Error('Redis is not configured');
    await withTimeout(this.client.ping(), timeoutMs, 'redis ping');
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [...this.duplicates, this.client]) {
      if (!client) continue;
      if (client.isReady) await client.close().catch(() => client.destroy());
      else {
        try {
          client.destroy(); // also cancels a pending reconnect
        } catch {
          // was never opened
        }
      }
    }
  }

  private create(url: string): RedisClientType {
    let lastError = '';
    const client: RedisClientType = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
    });
    client.on('error', (error: Error) => {
      // Reconnect loops repeat the same error; log each distinct one once.
      if (error.message !== lastError) this.logger.warn(`Redis error: ${error.message}`);
      lastError = error.message;
    });
    client.on('ready', () => {
      if (lastError) this.logger.log('Redis connection restored');
      lastError = '';
    });
    return client;
  }
}
