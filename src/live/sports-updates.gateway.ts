import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocket } from 'ws';
import { RequestAuthenticator } from '../common/auth/request-authenticator';
import { InvalidMessageError, toDomainError } from '../common/errors';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { appConfig } from '../config/configuration';
import { ID_PATTERN } from '../chat/dto/validation';
import { RunningTurns } from '../chat/running-turns';
import { parsePayload } from '../gateway/parse-payload';
import { errorFrame } from '../gateway/wire-frames';
import { readJsonFrame } from '../gateway/ws-frame';
import { sendJson as send, WsEndpoint } from '../gateway/ws-endpoint';
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
 * data. Who may connect (origin, handshake budget, credentials, shutdown) is the shared
 * WsEndpoint's, as on /ws/chat; frame limits and error frames are /ws/chat's too.
 */
@Injectable()
export class SportsUpdatesGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SportsUpdatesGateway.name);
  private readonly endpoint: WsEndpoint;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly live: LiveSubscriptions,
    private readonly turns: RunningTurns,
    authenticator: RequestAuthenticator,
    metrics: MetricsService,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.endpoint = new WsEndpoint({
      path: PATH,
      logger: this.logger,
      authenticator,
      metrics,
      isDraining: () => this.turns.isDraining,
      app,
      onConnection: (ws, _caller, userId) => this.onConnection(ws, userId),
    });
  }

  /** Set by the bootstrap, which owns the proxy-trust rule the limiter needs. */
  limitHandshakes(limiter: HandshakeLimiter): void {
    this.endpoint.limitHandshakes(limiter);
  }

  onApplicationBootstrap(): void {
    this.endpoint.attach(this.adapterHost.httpAdapter.getHttpServer());
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.endpoint.close();
  }

  private onConnection(ws: WebSocket, userId: string | undefined): void {
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
    ws.on('close', () => this.live.forget(subscriber.id));
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
    const domainError = toDomainError(error);
    if (domainError.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'sports-updates frame failed');
    send(ws, errorFrame(domainError));
  }
}
