import type { Intent } from '../../common/protocol';
import type { NluResult } from '../../nlu/nlu.types';

/** One stored message, already in wire form (protocol.md §2 history). */
export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
  message_id: string;
  /** ISO timestamp. */
  timestamp: string;
  detected_intent?: Intent;
}

/** What a new turn needs from the session: model history and the NLU's follow-up memory. */
export interface TurnContext {
  /** Last pairs, oldest first. */
  history: StoredMessage[];
  previousUserMessages: string[];
  previousNlu?: NluResult;
}

/** Full history kept per session; the model only ever sees the last CONTEXT_PAIRS pairs. */
export const MAX_STORED_MESSAGES = 200;
export const CONTEXT_PAIRS = 10;

/**
 * Conversations per session, each owned by the user who opened it. Another user can neither read
 * nor delete it. Every use refreshes the session TTL. Redis when configured, memory otherwise.
 */
export abstract class ConversationStore {
  /** Creates the session for `userId` or confirms they own it (refreshing its TTL). False when another user owns it. */
  abstract claim(sessionId: string, userId: string): Promise<boolean>;
  /** The owner of a live session, if any. */
  abstract ownerOf(sessionId: string): Promise<string | undefined>;
  abstract context(sessionId: string): Promise<TurnContext>;
  /** Appends a user/assistant pair and remembers the turn's NLU result for follow-ups. */
  abstract append(sessionId: string, pair: [StoredMessage, StoredMessage], nlu: NluResult): Promise<void>;
  /** Newest `limit` messages (oldest first) and the total, or undefined when the session is not the user's. */
  abstract read(userId: string, sessionId: string, limit: number): Promise<{ messages: StoredMessage[]; total: number } | undefined>;
  /** The user's live sessions, most recently used first. */
  abstract sessions(userId: string): Promise<string[]>;
  /** Deletes one of the user's sessions, or all of them; returns how many sessions were deleted. */
  abstract delete(userId: string, sessionId?: string): Promise<number>;
  /** Readiness: throws when the store cannot serve. */
  abstract probe(timeoutMs: number): Promise<void>;
}
