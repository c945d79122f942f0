import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/configuration';
import { shutdownBudget } from '../common/shutdown-budget';
import type { TurnTicket } from './state/turn-guard';
import { chatKeys } from './state/redis-keys';

/** What identifies a turn: whose it is, the session it runs in and the message id (as the turn guard keys them). */
export type TurnKey = Pick<TurnTicket, 'userId' | 'requestedSessionId' | 'sessionId' | 'messageId'>;

/** A stop for a session's running turn; also the payload of the stop relayed between instances. */
export interface StopRequest {
  session_id: string;
  user_id: string;
  /** Only this message's turn; any turn of the session when absent. */
  message_id?: string;
}

/** One turn running on this instance and the controller that stops its model and tools. */
export class RunningTurn {
  private readonly controller = new AbortController();
  /** Settles when the turn has ended (with its final or error written). */
  done: Promise<void> = Promise.resolve();
  /** Its key among the turns of a message id, built once: the registry looks it up as the turn starts and ends. */
  readonly messageKey: string;

  constructor(
    readonly key: TurnKey,
    /** The connection that sent it (a socket, an HTTP response): its closing ends the turn. */
    readonly connection: object | undefined,
  ) {
    this.messageKey = messageKey(key);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    this.controller.abort();
  }
}

/**
 * Every turn running on this instance, in one place: by session (a stop request), by message id
 * (a repeated message waits for the first), by connection (a disconnect), and all of them
 * (shutdown). ChatService runs each turn through `run`; the transports only name the connection
 * and ask for stops. A stop for a session running on another instance goes through `remoteStop`,
 * which the Socket.IO gateway sets to a broadcast over its adapter.
 */
@Injectable()
export class RunningTurns implements OnModuleDestroy {
  private readonly logger = new Logger(RunningTurns.name);
  private readonly all = new Set<RunningTurn>();
  /** Admitted turns only: the session lock makes it one per session. */
  private readonly bySession = new Map<string, RunningTurn>();
  /** The first turn of a message id; a repeat of it is refused or waits, and must not replace it here. */
  private readonly byMessage = new Map<string, RunningTurn>();
  private readonly byConnection = new Map<object, Set<RunningTurn>>();
  private draining = false;
  private remoteStop?: (request: StopRequest) => Promise<boolean>;

  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  /** True once shutdown has begun: new turns and connections belong on another instance. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Tracks `work` as a running turn from its first step to its last. */
  run(key: TurnKey, connection: object | undefined, work: (turn: RunningTurn) => Promise<void>): Promise<void> {
    const turn = new RunningTurn(key, connection);
    this.all.add(turn);
    if (!this.byMessage.has(turn.messageKey)) this.byMessage.set(turn.messageKey, turn);
    if (connection) {
      const turns = this.byConnection.get(connection);
      if (turns) turns.add(turn);
      else this.byConnection.set(connection, new Set([turn]));
    }
    turn.done = work(turn).finally(() => this.forget(turn));
    return turn.done;
  }

  /** The turn holds its session now: a stop request for the session reaches it. */
  admitted(turn: RunningTurn): void {
    this.bySession.set(turn.key.sessionId, turn);
  }

  /**
   * Waits until an earlier turn of the same message id on this instance has ended, so that its
   * response is stored for the repeat to replay; returns at once when there is none, and early
   * when the repeat itself is stopped (its caller hung up).
   */
  async earlierTurnEnded(turn: RunningTurn): Promise<void> {
    const first = this.byMessage.get(turn.messageKey);
    if (!first || first === turn || turn.signal.aborted) return;
    let giveUp = () => {};
    const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
    turn.signal.addEventListener('abort', giveUp);
    await Promise.race([first.done, gaveUp]).finally(() => turn.signal.removeEventListener('abort', giveUp));
  }

  /** Aborts a turn of this instance; only its own user may stop it. */
  stopLocal(request: StopRequest): boolean {
    const turn = this.bySession.get(request.session_id);
    if (!turn || turn.key.userId !== request.user_id) return false;
    if (request.message_id && request.message_id !== turn.key.messageId) return false;
    turn.abort();
    return true;
  }

  /** Stops the session's turn here or, failing that, on whichever instance runs it. */
  async stop(request: StopRequest): Promise<boolean> {
    if (this.stopLocal(request)) return true;
    return this.remoteStop ? this.remoteStop(request).catch(() => false) : false;
  }

  useRemoteStop(relay: (request: StopRequest) => Promise<boolean>): void {
    this.remoteStop = relay;
  }

  /** A client that went away does not need its answers: the model and tools are stopped. */
  connectionClosed(connection: object): void {
    for (const turn of this.byConnection.get(connection) ?? []) turn.abort();
  }

  /**
   * Shutdown (before Redis closes and sockets are dropped): new turns are refused, running ones get
   * most of SHUTDOWN_GRACE_MS to finish, then the rest are stopped and still end with a final; the
   * last part of the grace is left for the transports to close their connections.
   */
  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    if (this.all.size === 0) return;
    const budget = shutdownBudget(this.app.shutdownGraceMs);
    this.logger.log(`draining ${this.all.size} running turn(s)`);
    await this.settleWithin(budget.runningTurnsMs);
    if (this.all.size === 0) return;
    this.logger.log(`stopping ${this.all.size} turn(s) still running after ${budget.runningTurnsMs} ms`);
    for (const turn of this.all) turn.abort();
    await this.settleWithin(budget.stoppedFinalsMs);
  }

  private forget(turn: RunningTurn): void {
    this.all.delete(turn);
    if (this.bySession.get(turn.key.sessionId) === turn) this.bySession.delete(turn.key.sessionId);
    if (this.byMessage.get(turn.messageKey) === turn) this.byMessage.delete(turn.messageKey);
    if (!turn.connection) return;
    const turns = this.byConnection.get(turn.connection);
    turns?.delete(turn);
    if (turns?.size === 0) this.byConnection.delete(turn.connection);
  }

  private settleWithin(ms: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
    const ended = Promise.allSettled([...this.all].map((turn) => turn.done));
    return Promise.race([ended, deadline]).finally(() => clearTimeout(timer));
  }
}

/** The same scope as the stored response a repeated message_id replays (user, requested session, id). */
function messageKey(key: TurnKey): string {
  // The store's own key for it: one encoding of client ids everywhere.
  return chatKeys.messageId(key.userId, key.requestedSessionId, key.messageId);
}
