import type { ChatResponse } from '../chat.types';
import { chatKeys } from './redis-keys';

/** Identifies one message's claim on its session; `lockToken` proves who holds the session lock. */
export interface TurnTicket {
  userId: string;
  /** The session the client named ('' when it asked for a new one): replays are keyed by it. */
  requestedSessionId: string;
  sessionId: string;
  messageId: string;
  contentHash: string;
  lockToken: string;
}

export type Admission =
  | { kind: 'admitted' }
  | { kind: 'replay'; response: ChatResponse }
  /** The message_id is claimed by a turn still running, on this instance or another. */
  | { kind: 'running' }
  /** Identical content in the session within DUPLICATE_CONTENT_WINDOW_MS. */
  | { kind: 'duplicate' }
  | { kind: 'busy' };

export const MESSAGE_ID_TTL_MS = 10 * 60 * 1000;
export const DUPLICATE_CONTENT_WINDOW_MS = 2000;
/** Long enough for any turn; refreshed while one runs, so a crashed instance frees the session soon. */
export const SESSION_LOCK_TTL_MS = 60_000;
export const SESSION_LOCK_REFRESH_MS = 20_000;
/**
 * How long a REST repeat of a message_id running on another instance polls for its response: as
 * long as a session lock lives unrefreshed, so a repeat outwaits any turn whose instance still runs
 * it, and a crashed instance's pending mark (kept for MESSAGE_ID_TTL_MS) cannot hold it longer.
 */
export const RUNNING_REPEAT_WAIT_MS = SESSION_LOCK_TTL_MS;

/**
 * Admission control for turns, atomic per check: a message_id seen in the last 10 minutes replays
 * its stored response (or is reported running while its first turn runs), identical content in a session
 * within 2 s is a duplicate, and one turn runs per session at a time (a lock with a TTL).
 */
export abstract class TurnGuard {
  abstract admit(ticket: TurnTicket): Promise<Admission>;
  /** Extends the session lock while the turn runs. */
  abstract refresh(ticket: TurnTicket): Promise<void>;
  /** Stores the final response under the message_id and frees the session. */
  abstract complete(ticket: TurnTicket, response: ChatResponse): Promise<void>;
  /** Forgets the claim (the message may be retried) and frees the session. */
  abstract abandon(ticket: TurnTicket): Promise<void>;
  /** The stored final of a finished message (what a repeat would replay); undefined while it runs or once forgotten. */
  abstract storedResponse(key: Pick<TurnTicket, 'userId' | 'requestedSessionId' | 'messageId'>): Promise<ChatResponse | undefined>;
}

/** The keys one ticket touches (shared by both implementations so they cannot drift). */
export function keysOf(ticket: TurnTicket) {
  return {
    messageKey: chatKeys.messageId(ticket.userId, ticket.requestedSessionId, ticket.messageId),
    contentKey: chatKeys.content(ticket.sessionId, ticket.contentHash),
    lockKey: chatKeys.lock(ticket.sessionId),
  };
}
