import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisClientType } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { OriginPolicy } from '../common/http/origin-policy';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { webSocketServerClass } from '../common/transport/ws-internals';
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
    private readonly origins: OriginPolicy,
    private readonly handshakes: HandshakeLimiter,
  ) {
    super(app);
  }

  /** Opens the pub/sub pair; call before app.init(). Falls back to in-process when Redis is down. */
  async connect(): Promise<void> {
    if (!this.redis.enabled) return;
    try {
      const [pub, sub] = await Promise.all([this.redis.duplicate(), this.redis.duplicate()]);
      this.adapterFactory = createAdapter(this.tolerantPublisher(pub), sub, { requestsTimeout: 2000 });
      this.logger.log('Socket.IO uses the Redis adapter');
    } catch (error) {
      this.logger.warn(`Socket.IO Redis adapter unavailable (${(error as Error).message}); using in-process adapter`);
    }
  }

  /**
   * The adapter fires `publish` without handling its promise (broadcasts, takeover disconnects);
   * while Redis is down that promise rejects ("client is offline") and, unhandled, would crash the
   * process on the next connection. Each rejection is logged and marked handled here; callers that
   * do await it still see the error. Delivery to other instances resumes when Redis is back.
   */
  private tolerantPublisher(pub: RedisClientType): RedisClientType {
    const publish = pub.publish.bind(pub);
    let warned = false;
    const tolerant = ((...args: Parameters<typeof publish>) => {
      const sent = publish(...args);
      sent.then(
        () => (warned = false),
        (error: Error) => {
          if (!warned) this.logger.warn(`Socket.IO Redis adapter could not publish (${error.message}); other instances miss this event`);
          warned = true;
        },
      );
      return sent;
    }) as typeof publish;
    // An own property shadows the prototype's command method.
    return Object.assign(pub, { publish: tolerant });
  }

  /** Origin first (protocol §6), then the per-address handshake budget. */
  private async admit(req: IncomingMessage): Promise<boolean> {
    return this.origins.allowsRequest(req) && (await this.handshakes.admits(req));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.maxHttpBufferSize,
      // websocket first; polling stays as a fallback for restrictive proxies.
      transports: ['websocket', 'polling'],
      wsEngine: webSocketServerClass(),
      // Protocol §6: a browser on an unlisted origin is refused at the handshake (HTTP 403).
      allowRequest: (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) =>
        this.admit(req).then(
          (admitted) => callback(null, admitted),
          () => callback(null, true),
        ),
    }) as Server;
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    return server;
  }
}
