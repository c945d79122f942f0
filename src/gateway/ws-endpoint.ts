import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@nestjs/common';
import { WebSocket } from 'ws';
import { firstValue } from '../common/auth/api-key.verifier';
import type { Caller } from '../common/auth/caller';
import { bearerToken, type RequestAuthenticator } from '../common/auth/request-authenticator';
import { type DomainError, toDomainError } from '../common/errors';
import type { HandshakeLimiter } from '../common/http/handshake-limiter';
import { OriginPolicy } from '../common/http/origin-policy';
import { shutdownBudget } from '../common/shutdown-budget';
import { withTimeout } from '../common/timeout';
import { webSocketServerClass } from '../common/transport/ws-internals';
import type { MetricsService } from '../metrics/metrics.service';
import { errorFrame } from './wire-frames';

/** protocol.md §4: frames over MAX_FRAME_BYTES get an error frame and the connection stays open… up to this size; beyond it `ws` closes the connection with 1009 (message too big). */
export const WS_MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
/** Close code for a refused API key or token, in the 4000-4999 range applications may use (4401 ~ HTTP 401). */
export const CLOSE_UNAUTHORIZED = 4401;
/** Close code for a token whose `?user_id=` names another user (4403 ~ HTTP 403). */
export const CLOSE_FORBIDDEN = 4403;
/** Close code on shutdown: 1001 "going away", the client should reconnect (to another instance). */
export const CLOSE_GOING_AWAY = 1001;

export interface WsEndpointOptions {
  /** The paths this endpoint upgrades; the match is handed to `onConnection`. */
  path: RegExp;
  logger: Logger;
  authenticator: RequestAuthenticator;
  /** Counts the open sockets. */
  metrics: MetricsService;
  /** True once shutdown has begun: new connections belong on another instance. */
  isDraining: () => boolean;
  /** The app's configuration: allowed origins, its own URL and the shutdown budget. */
  app: { corsOrigins: string[]; publicUrl?: string; shutdownGraceMs: number };
  /**
   * An admitted connection: `userId` is the token's subject, or the `?user_id=` a trusted client
   * gave (not yet checked against the id pattern), or undefined.
   */
  onConnection: (ws: WebSocket, caller: Caller, userId: string | undefined, url: URL, match: RegExpExecArray) => void;
}

/**
 * What every plain-WebSocket endpoint does before and after its own frames, in one place so the
 * endpoints cannot drift apart on who may connect: mounted on the HTTP server's upgrade event for
 * its paths only (Socket.IO keeps /socket.io), it refuses another site's Origin (protocol §6) and
 * a draining instance before the upgrade, spends the address's handshake budget, and judges the
 * credentials (`?token=` or `Authorization: Bearer`, `?api_key=` or `x-api-key`) with the one
 * RequestAuthenticator before the upgrade completes, so no frame can arrive before its listener
 * exists; a token user naming another `?user_id=` is FORBIDDEN. A refusal is answered after the
 * upgrade with an error frame and close code 4401 or 4403, since browsers cannot read an HTTP 401
 * on upgrade. Open sockets are counted. At shutdown every client is sent 1001 and, past the budget,
 * cut off.
 */
export class WsEndpoint {
  readonly server = new (webSocketServerClass())({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  private httpServer?: Server;
  private readonly origins: OriginPolicy;
  private handshakes?: HandshakeLimiter;

  constructor(private readonly options: WsEndpointOptions) {
    this.origins = new OriginPolicy(options.app.corsOrigins, options.app.publicUrl);
  }

  /** Set by the bootstrap, which owns the proxy-trust rule the limiter needs. */
  limitHandshakes(limiter: HandshakeLimiter): void {
    this.handshakes = limiter;
  }

  attach(server: Server): void {
    this.httpServer = server;
    server.on('upgrade', this.onUpgrade);
  }

  /**
   * Runs after RunningTurns has drained (the stopped finals are sent) and before Nest closes the
   * HTTP server, whose close() waits for every upgraded socket: so each client is sent 1001 here
   * and, if it does not complete the closing handshake within the budget, cut off.
   */
  async close(): Promise<void> {
    const clients = [...this.server.clients];
    const closed = clients.map((client) => new Promise<void>((resolve) => client.once('close', () => resolve())));
    for (const client of clients) client.close(CLOSE_GOING_AWAY, 'server shutting down, please reconnect');
    await withTimeout(Promise.all(closed), shutdownBudget(this.options.app.shutdownGraceMs).connectionsMs, 'websocket close').catch(() => {
      for (const client of this.server.clients) client.terminate();
    });
    this.httpServer?.off('upgrade', this.onUpgrade);
    this.server.close();
  }

  /** Refused after the upgrade, so browser clients learn why: an error frame, then 4401 or 4403. */
  refuse(ws: WebSocket, error: DomainError): void {
    if (error.code === 'INTERNAL_ERROR') this.options.logger.error({ err: error }, 'websocket authentication failed');
    sendJson(ws, errorFrame(error));
    const forbidden = error.code === 'FORBIDDEN';
    ws.close(forbidden ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, forbidden ? 'forbidden' : 'unauthorized');
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = this.options.path.exec(url.pathname);
    if (!match) return; // someone else's upgrade
    if (!this.origins.allowsRequest(req)) {
      // Protocol §6: refused before the upgrade, so a page on another site never gets a socket.
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (this.options.isDraining()) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const admitted = this.handshakes ? this.handshakes.admits(req) : Promise.resolve(true);
    admitted.then(
      async (ok) => {
        if (!ok) return socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 60\r\nContent-Length: 0\r\n\r\n');
        const outcome = await this.authenticate(req, url).then(
          (caller) => ({ caller }),
          (error: unknown) => ({ refused: toDomainError(error) }),
        );
        this.server.handleUpgrade(req, socket, head, (ws) =>
          'caller' in outcome ? this.admit(ws, outcome.caller, url, match) : this.refuse(ws, outcome.refused),
        );
      },
      () => socket.destroy(),
    );
  };

  private admit(ws: WebSocket, caller: Caller, url: URL, match: RegExpExecArray): void {
    let userId: string | undefined;
    try {
      // A token user may leave user_id out: it is the token's subject.
      userId = caller.actAs(url.searchParams.get('user_id') ?? undefined);
    } catch (error) {
      return this.refuse(ws, toDomainError(error));
    }
    const { metrics, logger } = this.options;
    metrics.sockets.inc({ transport: 'ws' });
    ws.on('close', () => metrics.sockets.dec({ transport: 'ws' }));
    ws.on('error', (error) => logger.warn(`websocket error: ${error.message}`));
    this.options.onConnection(ws, caller, userId, url, match);
  }

  private authenticate(req: IncomingMessage, url: URL): Promise<Caller> {
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    const apiKey = url.searchParams.get('api_key') ?? firstValue(req.headers['x-api-key']);
    return this.options.authenticator.authenticate({ token: token ?? undefined, apiKey }, 'ws');
  }
}

/** A frame as JSON text, when the socket is still open to take it. */
export function sendJson(ws: WebSocket, frame: object): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}
