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
import { firstValue } from '../common/auth/api-key.verifier';
import { bearerToken, RequestAuthenticator } from '../common/auth/request-authenticator';
import { DomainError, ForbiddenError, InvalidMessageError, LlmUnavailableError, NotFoundError, toDomainError } from '../common/errors';
import { type Language, LANGUAGES } from '../common/protocol';
import { appConfig, resumeConfig } from '../config/configuration';
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
  ResumeAck,
  SocketData,
  TurnFrame,
  UserMessageAck,
} from './chat-events';
import { FrameLog, type TurnFollower, type TurnRef } from './resume/frame-log';
import { ConfirmBetPayload, HistoryPayload, ResumePayload, StopPayload, UserMessagePayload } from './socket-payloads';
import { UserMessageLimiter } from './user-message-limiter';
import { parsePayload } from './parse-payload';
import { StreamingTurns } from './streaming-turns';
import { errorBody, errorFrame, finalFrame } from './wire-frames';

type ChatNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO's default limit is 1 MB; chat payloads are a few KB at most. */
export const SOCKET_MAX_BUFFER_BYTES = 64 * 1024;
const REMOTE_STOP_TIMEOUT_MS = 1000;
/** Turns one connection follows at once; a client resumes the one answer it was reading. */
const MAX_FOLLOWED_PER_SOCKET = 4;

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
  /** The last turn each socket started, which a dropped connection keeps running while its client may resume it. */
  private readonly lastTurn = new WeakMap<ChatSocket, TurnRef>();
  /** Turns each socket is following after a resume, by message id (a second resume of one replaces the first). */
  private readonly following = new WeakMap<ChatSocket, Map<string, TurnFollower>>();

  @WebSocketServer()
  private readonly namespace!: ChatNamespace;

  constructor(
    private readonly chat: ChatService,
    private readonly bets: BetsService,
    private readonly streaming: StreamingTurns,
    private readonly turns: RunningTurns,
    private readonly authenticator: RequestAuthenticator,
    private readonly metrics: MetricsService,
    private readonly messageLimit: UserMessageLimiter,
    private readonly frames: FrameLog,
    private readonly live: LiveSubscriptions,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(resumeConfig.KEY) private readonly resume: ConfigType<typeof resumeConfig>,
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
    socket.once('disconnect', (reason) => this.connectionLost(socket, reason));

    this.on(socket, 'user_message', async (payload) => {
      await this.messageLimit.take(socket.data.userId);
      const message = parsePayload(UserMessagePayload, payload);
      if (message.user_id && message.user_id !== socket.data.userId) {
        if (socket.data.verified) throw this.forbidden();
        throw new InvalidMessageError('user_id does not match the connection.', { fields: { user_id: ['must match the handshake user_id'] } });
      }
      const sessionId = message.session_id ?? socket.data.sessionId;
      const admission = await this.streaming.start(
        {
          userId: socket.data.userId,
          account: socket.data.account,
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
      if (!admission.replay) this.lastTurn.set(socket, { userId: socket.data.userId, ...admission.ids });
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
      return this.bets.confirm(proposal_id, socket.data.userId, undefined, { acceptBetterOdds: accept_better_odds, account: socket.data.account });
    });

    this.on(socket, 'history', async (payload) => {
      const request = parsePayload(HistoryPayload, payload ?? {});
      const sessionId = request.session_id ?? socket.data.sessionId;
      const view = await this.chat.history(socket.data.userId, sessionId, request.limit ?? 50);
      // Another user's session answers as REST does: 404, as if it did not exist.
      if (!view && !(await this.chat.mayUseSession(sessionId, socket.data.userId))) throw new NotFoundError('Session');
      return { messages: view?.messages ?? [], ...(view?.open_slip ? { open_slip: view.open_slip } : {}) };
    });

    this.on(socket, 'resume', async (payload) => this.resumeTurn(socket, parsePayload(ResumePayload, payload)));
    // Live updates (protocol.md §3): fixtures, tournaments or the open slip; see src/live.
    this.on(socket, 'subscribe', (payload) => this.live.subscribeSocket(socket, payload));
    this.on(socket, 'unsubscribe', (payload) => this.live.unsubscribeSocket(socket, payload));

    this.takeOver(socket);
    await socket.join(sessionRoom(socket.data.sessionId));
  }

  handleDisconnect(socket: ChatSocket): void {
    if (this.counted.delete(socket)) this.metrics.sockets.dec({ transport: 'socketio' });
    this.live.forget(socket.id);
  }

  /**
   * The rest of a turn for a client that reconnected: a running turn's missed frames and then its
   * live ones (on whichever instance runs it), a finished turn's final. The frame log and the
   * stored responses are keyed by user, so another user's turn is NOT_FOUND like an unknown one.
   * The ack goes first, then the frames.
   */
  private async resumeTurn(socket: ChatSocket, request: ResumePayload): Promise<ResumeAck> {
    const turn: TurnRef = { userId: socket.data.userId, sessionId: request.session_id ?? socket.data.sessionId, messageId: request.message_id };
    const send = (frame: TurnFrame) => socket.emit(frame.type as 'assistant_response', frame as never);
    const ack = (running: boolean): ResumeAck => ({ resumed: true, session_id: turn.sessionId, message_id: turn.messageId, running });
    const follower = await this.frames.follow(turn, request.last_index);
    if (follower) {
      if (!socket.connected) {
        follower.close();
        return ack(follower.running);
      }
      const following = this.following.get(socket) ?? new Map<string, TurnFollower>();
      this.following.set(socket, following);
      following.get(turn.messageId)?.close();
      following.delete(turn.messageId);
      if (following.size >= MAX_FOLLOWED_PER_SOCKET) {
        const [oldest, stale] = following.entries().next().value!;
        stale.close();
        following.delete(oldest);
      }
      following.set(turn.messageId, follower);
      // A turn whose instance died never ends: the client is told, as when a model is unreachable.
      const lost = () => send(errorFrame(new LlmUnavailableError(), { sessionId: turn.sessionId, messageId: turn.messageId }));
      setImmediate(() => follower.start(send, lost));
      this.metrics.resumes.inc({ outcome: follower.running ? 'running' : 'finished' });
      return ack(follower.running);
    }
    const stored = await this.chat.storedResponse(turn.userId, turn.sessionId, turn.messageId);
    if (!stored) {
      this.metrics.resumes.inc({ outcome: 'not_found' });
      throw new NotFoundError('Message');
    }
    setImmediate(() => send(finalFrame(stored)));
    this.metrics.resumes.inc({ outcome: 'stored' });
    return ack(false);
  }

  /**
   * A client that disconnected on purpose does not need its answer: the model and tools stop. A
   * connection that dropped (network, takeover by a newer tab, a transport error) keeps its turn
   * running for RESUME_GRACE_MS, and past it while a client follows it after a resume.
   */
  private connectionLost(socket: ChatSocket, reason: string): void {
    for (const follower of this.following.get(socket)?.values() ?? []) follower.close();
    this.following.delete(socket);
    if (reason === 'client namespace disconnect' || this.resume.graceMs === 0) {
      this.turns.connectionClosed(socket);
      return;
    }
    const turn = this.lastTurn.get(socket);
    setTimeout(() => void this.stopUnlessResumed(socket, turn), this.resume.graceMs).unref();
  }

  private async stopUnlessResumed(socket: ChatSocket, turn: TurnRef | undefined): Promise<void> {
    if (turn && (await this.frames.isFollowed(turn).catch(() => false))) return;
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
    const token = auth.token ?? bearerToken(socket.handshake.headers.authorization);
    const caller = await this.authenticator.authenticate(
      { token: typeof token === 'string' ? token : undefined, apiKey: typeof apiKey === 'string' ? apiKey : undefined },
      'socketio',
    );
    // A token user may leave user_id out: it is the token's subject.
    const userId = caller.actAs(auth.user_id ?? firstValue(query.user_id));
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
    socket.data.account = caller.accountFor(userId);
    socket.data.verified = caller.isUser;
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

  /** A token user's payload named someone else (protocol §2); counted like every auth refusal. */
  private forbidden(): ForbiddenError {
    this.metrics.authFailures.inc({ transport: 'socketio', reason: 'forbidden' });
    return new ForbiddenError();
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
