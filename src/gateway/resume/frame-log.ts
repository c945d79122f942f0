import { storeKey } from '../../cache/cache-namespaces';
import { SESSION_LOCK_TTL_MS } from '../../chat/state/turn-guard';
import type { TurnFrame } from '../chat-events';

/**
 * Whose turn a log belongs to. The user is part of the key, so a resume of another user's turn
 * finds nothing and is answered like an unknown one.
 */
export interface TurnRef {
  userId: string;
  sessionId: string;
  messageId: string;
}

export interface FrameLogLimits {
  /** How long a turn's frames are kept after its last one (RESUME_WINDOW_MS). */
  windowMs: number;
  /** Frames kept per turn; the final or error is always kept (RESUME_MAX_FRAMES). */
  maxFramesPerTurn: number;
  /** Turns one instance keeps in memory (RESUME_MAX_TURNS). */
  maxTurns: number;
}

/** A resumed turn: the frames its client missed, then the live ones, up to the final or error. */
export interface TurnFollower {
  /** False when the log already holds the turn's final or error. */
  readonly running: boolean;
  /**
   * Sends the missed frames, then each new one; ends by itself after the final or error, or calls
   * `lost` and ends when the turn has been silent too long (the instance running it is gone).
   */
  start(send: (frame: TurnFrame) => void, lost: () => void): void;
  close(): void;
}

/**
 * The recent frames of each turn, so a client that lost its connection can ask for the rest of an
 * answer (Socket.IO `resume`). In memory on one instance; in Redis (a list per turn and a channel
 * for the live frames) when Redis is configured, so a client that reconnects to another instance
 * gets the same frames. Socket.IO's own connection state recovery was not used: it needs an
 * adapter that stores packets (the Redis Streams one), not the pub/sub Redis adapter in use, and
 * it restores a socket, not a turn a new tab or another instance can ask for.
 */
export abstract class FrameLog {
  /** Records a frame of a running turn. Never throws: a lost frame costs a resume, not the turn. */
  abstract append(turn: TurnRef, frame: TurnFrame): void;
  /**
   * Follows a turn from just after the delta `lastIndex` (from its first frame when absent);
   * undefined when the log holds no such turn (unknown, another user's, or expired).
   */
  abstract follow(turn: TurnRef, lastIndex: number | undefined): Promise<TurnFollower | undefined>;
  /** Whether a client has resumed the turn, on any instance: a dropped connection's turn then keeps running. */
  abstract isFollowed(turn: TurnRef): Promise<boolean>;
}

export const frameLogKeys = {
  frames: (turn: TurnRef) => storeKey('chat', 'frames', turn.userId, turn.sessionId, turn.messageId),
  followed: (turn: TurnRef) => storeKey('chat', 'frames', turn.userId, turn.sessionId, turn.messageId, 'followed'),
};

/** The last frame of a turn: its final or its error. */
export function isTerminal(frame: TurnFrame): boolean {
  return frame.type === 'error' || (frame.type === 'assistant_response' && frame.is_final);
}

/**
 * Which logged frames a resuming client still needs. Frames are numbered in the order they were
 * logged (`seq`); a frame seen twice (the stored list and the live channel overlap) goes out once.
 * Deltas up to `lastIndex` are the client's already, and so is anything logged before its last one
 * (tool events); the final or error always goes out, and nothing after it.
 */
export class ResumeCursor {
  private nextSeq = 0;
  private passed: boolean;
  ended = false;

  constructor(private readonly lastIndex: number | undefined) {
    this.passed = lastIndex === undefined;
  }

  accept(seq: number, frame: TurnFrame): boolean {
    if (this.ended || seq < this.nextSeq) return false;
    this.nextSeq = seq + 1;
    if (isTerminal(frame)) {
      this.ended = true;
      return true;
    }
    if (frame.type === 'assistant_response' && !frame.is_final) {
      if (this.lastIndex !== undefined && frame.index <= this.lastIndex) {
        if (frame.index === this.lastIndex) this.passed = true;
        return false;
      }
      this.passed = true;
      return true;
    }
    return this.passed;
  }
}

/**
 * How long a followed turn may be silent. A running turn refreshes its session lock well within
 * the lock's TTL, and its model and tools have shorter timeouts, so a silence that long means the
 * instance running it is gone and no final will come.
 */
export function followerSilenceMs(limits: Pick<FrameLogLimits, 'windowMs'>): number {
  return Math.min(limits.windowMs, SESSION_LOCK_TTL_MS);
}

/**
 * A follower fed by a log implementation: frames (stored ones first, in order, then live ones)
 * are held until `start`, then go out through the cursor.
 */
export class LogFollower implements TurnFollower {
  private readonly cursor: ResumeCursor;
  private readonly held: Array<[number, TurnFrame]> = [];
  private send?: (frame: TurnFrame) => void;
  private lost?: () => void;
  private idle?: NodeJS.Timeout;
  private closed = false;

  constructor(
    lastIndex: number | undefined,
    readonly running: boolean,
    private readonly idleMs: number,
    private readonly onClose: () => void,
  ) {
    this.cursor = new ResumeCursor(lastIndex);
  }

  push(seq: number, frame: TurnFrame): void {
    if (this.closed) return;
    if (!this.send) {
      this.held.push([seq, frame]);
      return;
    }
    if (this.cursor.accept(seq, frame)) this.send(frame);
    if (this.cursor.ended) this.close();
    else this.idle?.refresh();
  }

  start(send: (frame: TurnFrame) => void, lost: () => void): void {
    if (this.closed || this.send) return;
    this.send = send;
    this.lost = lost;
    this.idle = setTimeout(() => {
      this.close();
      this.lost?.();
    }, this.idleMs);
    this.idle.unref();
    for (const [seq, frame] of this.held.splice(0)) this.push(seq, frame);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    this.held.length = 0;
    this.onClose();
  }
}
