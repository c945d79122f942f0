import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocket } from 'ws';
import { firstValue } from '../common/auth/api-key.verifier';
import type { Caller } from '../common/auth/caller';
import { bearerToken, RequestAuthenticator } from '../common/auth/request-authenticator';
import { type DomainError, InvalidMessageError, toDomainError } from '../common/errors';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { OriginPolicy } from '../common/http/origin-policy';
import { shutdownBudget } from '../common/shutdown-budget';
import { withTimeout } from '../common/timeout';
import { webSocketServerClass } from '../common/transport/ws-internals';
import { appConfig } from '../config/configuration';
import { ID_PATTERN } from '../chat/dto/validation';
import { RunningTurns } from '../chat/running-turns';
import { parsePayload } from '../gateway/parse-payload';
import { CLOSE_FORBIDDEN, CLOSE_GOING_AWAY, CLOSE_UNAUTHORIZED, WS_MAX_PAYLOAD_BYTES } from '../gateway/raw-ws.gateway';
import { errorFrame } from '../gateway/wire-frames';
import { readJsonFrame } from '../gateway/ws-frame';
import { MetricsService } from '../metrics/metrics.service';
import { SportsUpdatesFrame } from './live-payloads';
import { LiveSubscriptions } from './live-subscriptions.service';
import type { Subscriber } from './subscription-registry';

const PATH = /^\/ws\/sports-updates\/?$/;

/** The frame types a client may send on /ws/sports-updates; anything else is refused as unknown. */
export const SPORTS_UPDATES_FRAME_TYPES = ['subscribe', 'unsubscribe', 'ping'] as const;
type FrameType = (typeof SPORTS_UPDATES_FRAME_TYPES)[number];
const isFrameType = (type: unknown): type is FrameType => SPORTS_UPDATES_FRAME_TYPES.includes(type as FrameType);

/**
 * The original backend's live-updates socket, `/ws/sports-updates` (protocol.md §4): `subscribe`
 * with `competitions` (tournament ids or names) and/or `fixture_ids`, answered with a
 * `subscription_confirmed` frame, then `odds_update` and `match_update` frames from real polled
 * data. Mounted like /ws/chat: on the HTTP server's upgrade event for this path only, with the same
 * origin check, handshake budget, credentials (user token or API key, judged by the one
 * RequestAuthenticator), frame limits and error frames, and the same close on shutdown.
 */
@Injectable()
export class SportsUpdatesGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SportsUpdatesGateway.name);
  private readonly server = new (webSocketServerClass())({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  private httpServer?: Server;
  private origins = new OriginPolicy([]);
  private handshakes?: HandshakeLimiter;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly live: LiveSubscriptions,
    private readonly turns: RunningTurns,
    private readonly authenticator: RequestAuthenticator,
    private readonly metrics: MetricsService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Set by the bootstrap, which owns the proxy-trust rule the limiter needs. */
  limitHandshakes(limiter: HandshakeLimiter): void {
    this.handshakes = limiter;
  }

  onApplicationBootstrap(): void {
    const server: Server = this.adapterHost.httpAdapter.getHttpServer();
    this.httpServer = server;
    this.origins = new OriginPolicy(this.app.corsOrigins, this.app.publicUrl);
    server.on('upgrade', this.onUpgrade);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const clients = [...this.server.clients];
    const closed = clients.map((client) => new Promise<void>((resolve) => client.once('close', () => resolve())));
    for (const client of clients) client.close(CLOSE_GOING_AWAY, 'server shutting down, please reconnect');
    await withTimeout(Promise.all(closed), shutdownBudget(this.app.shutdownGraceMs).connectionsMs, 'websocket close').catch(() => {
      for (const client of this.server.clients) client.terminate();
    });
    this.httpServer?.off('upgrade', this.onUpgrade);
    this.server.close();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!PATH.test(url.pathname)) return; // someone else's upgrade
    if (!this.origins.allowsRequest(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (this.turns.isDraining) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const admitted = this.handshakes ? this.handshakes.admits(req) : Promise.resolve(true);
    admitted.then(
      async (ok) => {
        if (!ok) return socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 60\r\nContent-Length: 0\r\n\r\n');
        // Checked before the upgrade completes, as on /ws/chat.
        const outcome = await this.authenticate(req, url).then(
          (caller) => ({ caller }),
          (error: unknown) => ({ refused: toDomainError(error) }),
        );
        this.server.handleUpgrade(req, socket, head, (ws) =>
          'caller' in outcome ? this.onConnection(ws, outcome.caller, url) : this.refuse(ws, outcome.refused),
        );
      },
      () => socket.destroy(),
    );
  };

  /** Credentials of the upgrade, read where /ws/chat reads them (`?token=` or bearer, `?api_key=` or header). */
  private authenticate(req: IncomingMessage, url: URL): Promise<Caller> {
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    const apiKey = url.searchParams.get('api_key') ?? firstValue(req.headers['x-api-key']);
    return this.authenticator.authenticate({ token: token ?? undefined, apiKey }, 'ws');
  }

  private refuse(ws: WebSocket, error: DomainError): void {
    if (error.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'websocket authentication failed');
    send(ws, errorFrame(error));
    ws.close(error.code === 'FORBIDDEN' ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, error.code === 'FORBIDDEN' ? 'forbidden' : 'unauthorized');
  }

  private onConnection(ws: WebSocket, caller: Caller, url: URL): void {
    let userId: string | undefined;
    try {
      // A token user may leave user_id out: it is the token's subject; naming another is FORBIDDEN.
      userId = caller.actAs(url.searchParams.get('user_id') ?? undefined);
    } catch (error) {
      return this.refuse(ws, toDomainError(error));
    }
    if (userId !== undefined && !ID_PATTERN.test(userId)) {
      send(ws, errorFrame(new InvalidMessageError('user_id is not valid.')));
      ws.close(1008, 'invalid ids');
      return;
    }
    const subscriber: Subscriber = { id: `ws:${randomUUID()}`, transport: 'ws', userId, send: (frame) => send(ws, frame) };
    ws.on('message', (data, isBinary) => {
      let frame: object;
      try {
        frame = readJsonFrame(data, isBinary);
      } catch (error) {
        return this.sendError(ws, error);
      }
      this.onFrame(subscriber, frame).catch((error: unknown) => this.sendError(ws, error));
    });
    this.metrics.sockets.inc({ transport: 'ws' });
    ws.on('close', () => {
      this.metrics.sockets.dec({ transport: 'ws' });
      this.live.forget(subscriber.id);
    });
    ws.on('error', (error) => this.logger.warn(`websocket error: ${error.message}`));
    send(ws, { type: 'connection_established', message: 'Connected to ChatBet live sports updates', timestamp: new Date().toISOString() });
  }

  private async onFrame(subscriber: Subscriber, frame: object): Promise<void> {
    const type = (frame as { type?: unknown }).type;
    if (!isFrameType(type)) throw new InvalidMessageError('Unknown frame type.', { type: typeof type === 'string' ? type : null });
    if (type === 'ping') {
      subscriber.send?.({ type: 'pong', timestamp: new Date().toISOString() });
      return;
    }
    const request = parsePayload(SportsUpdatesFrame, frame);
    const wanted = {
      fixtureIds: request.fixture_ids,
      tournaments: [...(request.competitions ?? []), ...(request.tournament_ids ?? [])],
    };
    const subscribed =
      type === 'subscribe' ? await this.live.subscribe(subscriber, wanted) : await this.live.unsubscribe(subscriber.id, wanted);
    subscriber.send?.({
      type: type === 'subscribe' ? 'subscription_confirmed' : 'unsubscription_confirmed',
      subscribed: { fixture_ids: subscribed.fixture_ids, tournament_ids: subscribed.tournament_ids },
      timestamp: new Date().toISOString(),
    });
  }

  private sendError(ws: WebSocket, error: unknown): void {
    const domainError: DomainError = toDomainError(error);
    if (domainError.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'sports-updates frame failed');
    send(ws, errorFrame(domainError));
  }
}

function send(ws: WebSocket, frame: object): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}
