import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { type RawData, WebSocket } from 'ws';
import type { Caller } from '../common/auth/caller';
import { RequestAuthenticator } from '../common/auth/request-authenticator';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { DomainError, InvalidMessageError, toDomainError } from '../common/errors';
import { appConfig } from '../config/configuration';
import { MetricsService } from '../metrics/metrics.service';
import { BetsService } from '../chat/bets/bets.service';
import { RunningTurns } from '../chat/running-turns';
import { ID_PATTERN } from '../chat/dto/validation';
import type { TurnFrame } from './chat-events';
import { ConfirmBetPayload, StopPayload, UserMessagePayload } from './socket-payloads';
import { legacyStartFrames, toLegacyFrame } from './legacy-frames';
import { UserMessageLimiter } from './user-message-limiter';
import { parsePayload } from './parse-payload';
import { StreamingTurns } from './streaming-turns';
import { errorFrame } from './wire-frames';
import { readJsonFrame } from './ws-frame';
import { sendJson, WsEndpoint } from './ws-endpoint';

export { MAX_FRAME_BYTES } from './ws-frame';
export { CLOSE_FORBIDDEN, CLOSE_GOING_AWAY, CLOSE_UNAUTHORIZED, WS_MAX_PAYLOAD_BYTES } from './ws-endpoint';

const PATH = /^\/ws\/chat(?:\/([^/]+))?\/?$/;

/** The frame types a client may send (protocol.md §4); anything else is refused as unknown. */
export const CLIENT_FRAME_TYPES = ['user_message', 'stop', 'confirm_bet', 'ping', 'typing'] as const;
type ClientFrameType = (typeof CLIENT_FRAME_TYPES)[number];
const isClientFrameType = (type: unknown): type is ClientFrameType => CLIENT_FRAME_TYPES.includes(type as ClientFrameType);

interface Connection {
  ws: WebSocket;
  /** Who the credentials speak for; a token user's id is set from the start. */
  caller: Caller;
  userId?: string;
  sessionId: string;
  legacy: boolean;
}

/**
 * The original backend's plain-WebSocket protocol at /ws/chat and /ws/chat/{session_id} (protocol.md
 * §4): a thin adapter over the same ChatService turn as every transport. Who may connect (origin,
 * handshake budget, credentials, shutdown) is the shared WsEndpoint's.
 */
@Injectable()
export class RawWsGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RawWsGateway.name);
  private readonly endpoint: WsEndpoint;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly streaming: StreamingTurns,
    private readonly turns: RunningTurns,
    private readonly bets: BetsService,
    authenticator: RequestAuthenticator,
    metrics: MetricsService,
    private readonly messageLimit: UserMessageLimiter,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.endpoint = new WsEndpoint({
      path: PATH,
      logger: this.logger,
      authenticator,
      metrics,
      isDraining: () => this.turns.isDraining,
      app,
      onConnection: (ws, caller, userId, url, match) => this.onConnection(ws, caller, userId, url, match[1]),
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

  private onConnection(ws: WebSocket, caller: Caller, userId: string | undefined, url: URL, pathSession?: string): void {
    const sessionId = decodeURIComponent(pathSession ?? '') || url.searchParams.get('session_id') || randomUUID();
    if ((userId !== undefined && !ID_PATTERN.test(userId)) || !ID_PATTERN.test(sessionId)) {
      this.sendFrame(ws, errorFrame(new InvalidMessageError('user_id or session_id is not valid.')));
      ws.close(1008, 'invalid ids');
      return;
    }
    const connection: Connection = {
      ws,
      caller,
      userId,
      sessionId,
      legacy: url.searchParams.get('format') === 'legacy',
    };
    ws.on('message', (data, isBinary) => {
      this.onFrame(connection, data, isBinary).catch((error: unknown) => this.sendError(connection, error));
    });
    ws.on('close', () => this.turns.connectionClosed(connection));
    this.sendFrame(ws, {
      type: 'connection_established',
      session_id: sessionId,
      ...(userId ? { user_id: userId } : {}),
      message: 'Connected to ChatBet Assistant',
      timestamp: new Date().toISOString(),
    });
  }

  private async onFrame(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const frame = readJsonFrame(data, isBinary);
    const type = (frame as { type?: unknown }).type;
    if (!isClientFrameType(type)) {
      throw new InvalidMessageError('Unknown frame type.', { type: typeof type === 'string' ? type : null });
    }
    switch (type) {
      case 'ping':
        this.sendFrame(connection.ws, { type: 'pong', timestamp: new Date().toISOString() });
        return;
      case 'typing':
        return; // the original clients send it; nothing to do
      case 'user_message':
        return this.onUserMessage(connection, frame);
      case 'stop':
        return this.onStop(connection, frame);
      case 'confirm_bet':
        return this.onConfirmBet(connection, frame);
    }
  }

  private async onUserMessage(connection: Connection, frame: object): Promise<void> {
    // Counted before parsing when the user is known, so junk frames spend the budget too.
    const countedFor = connection.userId;
    if (countedFor) await this.messageLimit.take(countedFor);
    const message = parsePayload(UserMessagePayload, frame);
    if (connection.userId && message.user_id && message.user_id !== connection.userId) {
      // A token user naming someone else is FORBIDDEN (and counted); a trusted client's mix-up is bad input.
      connection.caller.actAs(message.user_id);
      throw new InvalidMessageError('user_id does not match the connection.', { fields: { user_id: ['must match the connection'] } });
    }
    const userId = connection.userId ?? message.user_id;
    if (!userId) throw new InvalidMessageError('user_id is required (query parameter or frame field).', { fields: { user_id: ['required'] } });
    connection.userId = userId;
    if (!countedFor) await this.messageLimit.take(userId);
    const admission = await this.streaming.start(
      {
        userId,
        account: connection.caller.accountFor(userId),
        sessionId: message.session_id ?? connection.sessionId,
        message: message.content,
        messageId: message.message_id,
        language: message.language,
        timezone: message.timezone,
        transport: 'ws',
      },
      {
        send: (turnFrame) => this.sendTurnFrame(connection, turnFrame),
        started: (ids) => {
          if (connection.legacy) for (const legacy of legacyStartFrames(ids)) this.sendFrame(connection.ws, legacy);
        },
      },
      connection,
    );
    if (!admission.accepted) this.sendFrame(connection.ws, errorFrame(admission.error, admission.ids, message.language));
  }

  private async onStop(connection: Connection, frame: object): Promise<void> {
    const request = parsePayload(StopPayload, frame);
    if (!connection.userId) return;
    await this.turns.stop({
      session_id: request.session_id ?? connection.sessionId,
      user_id: connection.userId,
      message_id: request.message_id,
    });
  }

  /** Extension of §4: the answer is a `bet_confirmed` frame with the fields of the confirm ack. */
  private async onConfirmBet(connection: Connection, frame: object): Promise<void> {
    const { proposal_id, accept_better_odds } = parsePayload(ConfirmBetPayload, frame);
    if (!connection.userId) throw new InvalidMessageError('user_id is required to confirm a bet.');
    const confirmation = await this.bets.confirm(proposal_id, connection.userId, undefined, {
      acceptBetterOdds: accept_better_odds,
      account: connection.caller.accountFor(connection.userId),
    });
    this.sendFrame(connection.ws, { type: 'bet_confirmed', proposal_id, ...confirmation });
  }

  private sendTurnFrame(connection: Connection, frame: TurnFrame): void {
    const wire = connection.legacy ? toLegacyFrame(frame) : frame;
    if (wire) this.sendFrame(connection.ws, wire);
  }

  private sendError(connection: Connection, error: unknown): void {
    const domainError: DomainError = toDomainError(error);
    if (domainError.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'websocket frame failed');
    this.sendFrame(connection.ws, errorFrame(domainError, { sessionId: connection.sessionId }));
  }

  private sendFrame(ws: WebSocket, frame: object): void {
    sendJson(ws, frame);
  }
}
