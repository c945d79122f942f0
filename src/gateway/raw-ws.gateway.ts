import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { type RawData, WebSocket } from 'ws';
import { firstValue } from '../common/auth/api-key.verifier';
import type { Caller } from '../common/auth/caller';
import { bearerToken, RequestAuthenticator } from '../common/auth/request-authenticator';
import { OriginPolicy } from '../common/http/origin-policy';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { webSocketServerClass } from '../common/transport/ws-internals';
import { DomainError, InvalidMessageError, toDomainError } from '../common/errors';
import { appConfig } from '../config/configuration';
import { shutdownBudget } from '../common/shutdown-budget';
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
import { withTimeout } from '../common/timeout';

export { MAX_FRAME_BYTES } from './ws-frame';
/** protocol.md §4: frames over MAX_FRAME_BYTES get an error frame and the connection stays open… up to this size; beyond it `ws` closes the connection with 1009 (message too big). */
export const WS_MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
/** Close code for a refused API key or token, in the 4000-4999 range applications may use (4401 ~ HTTP 401). */
export const CLOSE_UNAUTHORIZED = 4401;
/** Close code for a token whose `?user_id=` names another user (4403 ~ HTTP 403). */
export const CLOSE_FORBIDDEN = 4403;
/** Close code on shutdown: 1001 "going away", the client should reconnect (to another instance). */
export const CLOSE_GOING_AWAY = 1001;

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
 * §4), on `ws` attached to the HTTP server's upgrade event for those paths only (Socket.IO owns
 * /socket.io). A thin adapter over the same ChatService turn as every transport. A refused API
 * key is answered after the upgrade with an UNAUTHORIZED error frame and close code 4401, so
 * browser clients (which cannot read an HTTP 401 on upgrade) learn why.
 */
@Injectable()
export class RawWsGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RawWsGateway.name);
  private readonly server = new (webSocketServerClass())({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  private httpServer?: Server;
  private origins = new OriginPolicy([]);
  private handshakes?: HandshakeLimiter;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly streaming: StreamingTurns,
    private readonly turns: RunningTurns,
    private readonly bets: BetsService,
    private readonly authenticator: RequestAuthenticator,
    private readonly metrics: MetricsService,
    private readonly messageLimit: UserMessageLimiter,
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

  /**
   * Runs after RunningTurns has drained (the stopped finals are sent) and before Nest closes the
   * HTTP server, whose close() waits for every upgraded socket: so each client is sent 1001 here
   * and, if it does not complete the closing handshake within the budget, cut off.
   */
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
    const match = PATH.exec(url.pathname);
    if (!match) return; // someone else's upgrade (Socket.IO)
    if (!this.origins.allowsRequest(req)) {
      // Protocol §6: refused before the upgrade, so a page on another site never gets a socket.
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (this.turns.isDraining) {
      // Shutting down: a new connection belongs on another instance.
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const admitted = this.handshakes ? this.handshakes.admits(req) : Promise.resolve(true);
    admitted.then(
      async (ok) => {
        if (!ok) return socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 60\r\nContent-Length: 0\r\n\r\n');
        // Checked before the upgrade completes, so no frame can arrive before its listener exists.
        const outcome = await this.authenticate(req, url).then(
          (caller) => ({ caller }),
          (error: unknown) => ({ refused: toDomainError(error) }),
        );
        this.server.handleUpgrade(req, socket, head, (ws) =>
          'caller' in outcome ? this.onConnection(ws, outcome.caller, url, match[1]) : this.refuse(ws, outcome.refused),
        );
      },
      () => socket.destroy(),
    );
  };

  /** Credentials of the upgrade: `?token=` or `Authorization: Bearer`, `?api_key=` or `x-api-key` (protocol §2, §4). */
  private authenticate(req: IncomingMessage, url: URL): Promise<Caller> {
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    const apiKey = url.searchParams.get('api_key') ?? firstValue(req.headers['x-api-key']);
    return this.authenticator.authenticate({ token: token ?? undefined, apiKey }, 'ws');
  }

  /** Refused after the upgrade, so browser clients (which cannot read an HTTP 401 on upgrade) learn why. */
  private refuse(ws: WebSocket, error: DomainError): void {
    if (error.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'websocket authentication failed');
    this.sendFrame(ws, errorFrame(error));
    ws.close(error.code === 'FORBIDDEN' ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, error.code === 'FORBIDDEN' ? 'forbidden' : 'unauthorized');
  }

  private onConnection(ws: WebSocket, caller: Caller, url: URL, pathSession?: string): void {
    let userId: string | undefined;
    try {
      // A token user may leave user_id out: it is the token's subject.
      userId = caller.actAs(url.searchParams.get('user_id') ?? undefined);
    } catch (error) {
      return this.refuse(ws, toDomainError(error));
    }
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
    this.metrics.sockets.inc({ transport: 'ws' });
    ws.on('close', () => {
      this.metrics.sockets.dec({ transport: 'ws' });
      this.turns.connectionClosed(connection);
    });
    ws.on('error', (error) => this.logger.warn(`websocket error: ${error.message}`));
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
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }
}
