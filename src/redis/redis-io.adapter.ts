import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConnection } from './redis-connection';

/**
 * Socket.IO with the Redis adapter when Redis is configured, so a `stop` or a session takeover
 * reaches whichever instance holds the socket. Without Redis it is the plain in-process adapter.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private adapterFactory?: ReturnType<typeof createAdapter>;

  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisConnection,
    private readonly maxHttpBufferSize: number,
  ) {
    super(app);
  }

  /** Opens the pub/sub pair; call before app.init(). Falls back to in-process when Redis is down. */
  async connect(): Promise<void> {
    if (!this.redis.enabled) return;
    try {
      const [pub, sub] = await Promise.all([this.redis.duplicate(), this.redis.duplicate()]);
      this.adapterFactory = createAdapter(pub, sub, { requestsTimeout: 2000 });
      this.logger.log('Socket.IO uses the Redis adapter');
    } catch (error) {
      this.logger.warn(`Socket.IO Redis adapter unavailable (${(error as Error).message}); using in-process adapter`);
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.maxHttpBufferSize,
      // websocket first; polling stays as a fallback for restrictive proxies.
      transports: ['websocket', 'polling'],
    }) as Server;
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    return server;
  }
}
