import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { ApiKeyVerifier, firstValue } from '../common/auth/api-key.verifier';
import { DomainError, InvalidMessageError, LlmUnavailableError, NotFoundError, toDomainError, UnauthorizedError } from '../common/errors';
import { type Language, LANGUAGES } from '../common/protocol';
import { appConfig } from '../config/configuration';
import { shutdownBudget } from '../common/shutdown-budget';
import { BetsService } from '../chat/bets/bets.service';
import { ChatService } from '../chat/chat.service';
import { RunningTurns, type StopRequest } from '../chat/running-turns';
import { ID_PATTERN } from '../chat/dto/validation';
import { MetricsService } from '../metrics/metrics.service';
import { LiveSubscriptions } from '../live/live-subscriptions.service';
import { withTimeout } from '../common/timeout';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
  UserMessageAck,
} from './chat-events';
import { ConfirmBetPayload, HistoryPayload, StopPayload, UserMessagePayload } from './socket-payloads';
import { UserMessageLimiter } from './user-message-limiter';
import { parsePayload } from './parse-payload';
import { StreamingTurns } from './streaming-turns';
import { errorBody, errorFrame } from './wire-frames';

type ChatNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO's default limit is 1 MB; chat payloads are a few KB at most. */
export const SOCKET_MAX_BUFFER_BYTES = 64 * 1024;
const REMOTE_STOP_TIMEOUT_MS = 1000;

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Socket.IO namespace `/chat` (protocol.md §3), a thin adapter over ChatService. The handshake is
 * checked in namespace middleware so a refusal is a `connect_error` with `{ error_code }`. Rooms
 * per session make takeover and stop work through any Socket.IO adapter, so they reach other
 * instances once the Redis adapter is installed.
 */
@WebSocketGateway({
  namespace: '/chat',
  transports: ['websocket', 'polling'],
  maxHttpBufferSize: SOCKET_MAX_BUFFER_BYTES,
  // The plain WebSocket gateway owns /ws/chat upgrades on the same HTTP server.
  destroyUpgrade: false,
})
export class ChatGateway
  implements OnGatewayInit<ChatNamespace>, OnGatewayConnection<ChatSocket>, OnGatewayDisconnect<ChatSocket>, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ChatGateway.name);
  /** Sockets this gateway has counted, so a disconnect is uncounted once. */
  private readonly counted = new WeakSet<ChatSocket>();

  @WebSocketServer()
  private readonly namespace!: ChatNamespace;

  constructor(
    private readonly chat: ChatService,
    private readonly bets: BetsService,
    private readonly streaming: StreamingTurns,
    private readonly turns: RunningTurns,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly metrics: MetricsService,
    private readonly messageLimit: UserMessageLimiter,
    private readonly live: LiveSubscriptions,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    namespace.use((socket, next) => {
      // Shutting down: a new connection belongs on another instance.
      if (this.turns.isDraining) return next(connectError(new LlmUnavailableError()));
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(connectError(toDomainError(error))),
      );
    });
    namespace.on('stop_turn', (request, ack) => ack(this.turns.stopLocal(request)));
    this.live.attach(namespace);
    this.turns.useRemoteStop((request) => this.stopElsewhere(request));
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    this.counted.add(socket);
    this.metrics.sockets.inc({ transport: 'socketio' });

    this.on(socket, 'user_message', async (payload) => {
      await this.messageLimit.take(socket.data.userId);
      const message = parsePayload(UserMessagePayload, payload);
      if (message.user_id && message.user_id !== socket.data.userId) {
        throw new InvalidMessageError('user_id does not match the connection.', { fields: { user_id: ['must match the handshake user_id'] } });
      }
      const sessionId = message.session_id ?? socket.data.sessionId;
      const admission = await this.streaming.start(
        {
          userId: socket.data.userId,
          sessionId,
          message: message.content,
          messageId: message.message_id,
          language: message.language,
          timezone: message.timezone,
          transport: 'socketio',
        },
        { send: (frame) => socket.emit(frame.type as 'assistant_response', frame as never) },
        socket,
      );
      if (!admission.accepted) throw admission.error;
      // Only an admitted turn joins its session's room: a message refused from another user's
      // session must not make this socket hear that session's takeover or stop.
      if (!socket.rooms.has(sessionRoom(sessionId))) await socket.join(sessionRoom(sessionId));
      const ack: UserMessageAck = { accepted: true, message_id: admission.ids.messageId, session_id: admission.ids.sessionId };
      return ack;
    });

    this.on(socket, 'stop', async (payload) => {
      const request = parsePayload(StopPayload, payload ?? {});
      const stopped = await this.turns.stop({
        session_id: request.session_id ?? socket.data.sessionId,
        user_id: socket.data.userId,
        message_id: request.message_id,
      });
      return { stopped };
    });

    this.on(socket, 'confirm_bet', async (payload) => {
      const { proposal_id, accept_better_odds } = parsePayload(ConfirmBetPayload, payload);
      return this.bets.confirm(proposal_id, socket.data.userId, undefined, { acceptBetterOdds: accept_better_odds });
    });

    this.on(socket, 'history', async (payload) => {
      const request = parsePayload(HistoryPayload, payload ?? {});
      const sessionId = request.session_id ?? socket.data.sessionId;
      const view = await this.chat.history(socket.data.userId, sessionId, request.limit ?? 50);
      // Another user's session answers as REST does: 404, as if it did not exist.
      if (!view && !(await this.chat.mayUseSession(sessionId, socket.data.userId))) throw new NotFoundError('Session');
      return { messages: view?.messages ?? [], ...(view?.open_slip ? { open_slip: view.open_slip } : {}) };
    });

    // Live updates (protocol.md §3): fixtures, tournaments or the open slip; see src/live.
    this.on(socket, 'subscribe', (payload) => this.live.subscribeSocket(socket, payload));
    this.on(socket, 'unsubscribe', (payload) => this.live.unsubscribeSocket(socket, payload));

    this.takeOver(socket);
    await socket.join(sessionRoom(socket.data.sessionId));
  }

  handleDisconnect(socket: ChatSocket): void {
    if (this.counted.delete(socket)) this.metrics.sockets.dec({ transport: 'socketio' });
    this.live.forget(socket.id);
    // A closed tab does not need its answer: abort the model and tools.
    this.turns.connectionClosed(socket);
  }

  /**
   * Shutdown runs after RunningTurns has drained the turns: Socket.IO then closes connections
   * discarding unsent packets, so wait (bounded) until the last finals have left the buffers.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const pending = [...this.namespace.sockets.values()]
      .map((socket) => socket.conn as unknown as { writeBuffer: unknown[]; once(event: 'drain', listener: () => void): void })
      .filter((conn) => conn.writeBuffer.length > 0)
      .map((conn) => new Promise<void>((resolve) => conn.once('drain', resolve)));
    if (pending.length > 0) await withTimeout(Promise.all(pending), shutdownBudget(this.app.shutdownGraceMs).connectionsMs, 'socket flush').catch(() => undefined);
    // The reconnect hint: closing the transport (rather than the Socket.IO-level disconnect that
    // io.close() sends next, which clients treat as final) makes socket.io-client see
    // "transport close" and reconnect on its own, through the load balancer to another instance.
    for (const socket of this.namespace.sockets.values()) socket.conn.close();
  }

  /**
   * Wraps a handler once: any failure becomes `{ error: ErrorBody }` in the ack, or an `error`
   * event when the client sent no ack callback. The connection always stays open.
   */
  private on<E extends keyof ClientToServerEvents>(socket: ChatSocket, event: E, handler: (payload: unknown) => Promise<unknown>): void {
    // Clients get arguments wrong: no payload (the ack comes first) or extra arguments. The ack,
    // when there is one, is always the last argument, and it always gets an answer.
    const listener = (...args: unknown[]) => {
      const last = args.at(-1);
      const reply = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
      const values = reply ? args.slice(0, -1) : args;
      const payload = values[0];
      const outcome =
        values.length > 1
          ? Promise.reject(new InvalidMessageError(`${event} takes one payload object and an optional ack.`, { arguments: values.length }))
          : handler(payload);
      outcome.then(
        (answer) => reply?.(answer),
        (error: unknown) => {
          const domainError = toDomainError(error);
          if (domainError.code === 'INTERNAL_ERROR') this.logger.error({ err: error, event }, 'socket handler failed');
          // A refusal reads in the language the client asked for, as on the plain WebSocket.
          const language = requestedLanguage(payload);
          if (reply) reply({ error: errorBody(domainError, language) });
          else socket.emit('error', errorFrame(domainError, { sessionId: socket.data.sessionId }, language));
        },
      );
    };
    socket.on(event, listener as never);
  }

  private async authenticate(socket: ChatSocket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const query = socket.handshake.query;
    const apiKey = auth.api_key ?? firstValue(socket.handshake.headers['x-api-key']) ?? firstValue(query.api_key);
    if (!this.apiKeys.accepts(apiKey)) throw new UnauthorizedError();
    const userId = auth.user_id ?? firstValue(query.user_id);
    const sessionId = auth.session_id ?? firstValue(query.session_id);
    if (typeof userId !== 'string' || !ID_PATTERN.test(userId)) {
      throw new InvalidMessageError('A valid user_id is required in the handshake auth.', { fields: { user_id: ['required'] } });
    }
    if (sessionId !== undefined && (typeof sessionId !== 'string' || !ID_PATTERN.test(sessionId))) {
      throw new InvalidMessageError(undefined, { fields: { session_id: ['invalid'] } });
    }
    // Another user's session cannot be joined (or taken over); it is reported like an unknown one.
    if (typeof sessionId === 'string' && !(await this.chat.mayUseSession(sessionId, userId))) {
      throw new NotFoundError('Session');
    }
    socket.data.userId = userId;
    socket.data.sessionId = typeof sessionId === 'string' ? sessionId : randomUUID();
  }

  /**
   * The newest connection owns a session: the others are told why and disconnected, on any
   * instance. The newcomer is excluded explicitly because the Redis adapter applies the request
   * when it comes back from Redis, after the newcomer has joined the room.
   */
  private takeOver(socket: ChatSocket): void {
    const sessionId = socket.data.sessionId;
    const room = this.namespace.in(sessionRoom(sessionId)).except(socket.id);
    room.emit('error', errorFrame(new DomainError('SESSION_TAKEN_OVER'), { sessionId }));
    room.disconnectSockets(true);
  }

  private async stopElsewhere(request: StopRequest): Promise<boolean> {
    // The default in-memory adapter has no other instances to ask (and would only warn).
    if (this.namespace.adapter.constructor === Adapter) return false;
    const answers = await withTimeout(
      this.namespace.serverSideEmitWithAck('stop_turn', request),
      REMOTE_STOP_TIMEOUT_MS,
      'remote stop',
    );
    return answers.some(Boolean);
  }
}

/** The payload's `language` when it is one the protocol knows. */
function requestedLanguage(payload: unknown): Language | undefined {
  const language = (payload as { language?: unknown } | null)?.language;
  return LANGUAGES.includes(language as Language) ? (language as Language) : undefined;
}

/** Socket.IO hands `data` to the client's `connect_error` listener. */
function connectError(error: DomainError): Error & { data: unknown } {
  const body = errorBody(error);
  return Object.assign(new Error(body.message), { data: { error_code: body.error_code, message: body.message, correlation_id: body.correlation_id } });
}
