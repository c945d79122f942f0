import type { NluResult } from '../../nlu/nlu.types';
import { CONTEXT_PAIRS, ConversationStore, MAX_STORED_MESSAGES, type StoredMessage, type TurnContext } from './conversation.store';
import { ExpiringMap } from './expiring-map';

interface Session {
  userId: string;
  messages: StoredMessage[];
  nlu?: NluResult;
  usedAt: number;
}

/** Single-instance conversation store: the same rules as the Redis one, kept in process memory. */
export class MemoryConversationStore extends ConversationStore {
  private readonly sessionsById = new ExpiringMap<Session>();

  constructor(private readonly ttlMs: number) {
    super();
  }

  async claim(sessionId: string, userId: string): Promise<boolean> {
    const session = this.sessionsById.get(sessionId) ?? { userId, messages: [], usedAt: Date.now() };
    if (session.userId !== userId) return false;
    session.usedAt = Date.now();
    this.sessionsById.set(sessionId, session, this.ttlMs);
    return true;
  }

  async ownerOf(sessionId: string): Promise<string | undefined> {
    return this.sessionsById.get(sessionId)?.userId;
  }

  async context(sessionId: string): Promise<TurnContext> {
    const session = this.sessionsById.get(sessionId);
    const history = (session?.messages ?? []).slice(-CONTEXT_PAIRS * 2);
    return {
      history,
      previousUserMessages: history.filter((m) => m.role === 'user').map((m) => m.content),
      previousNlu: session?.nlu,
    };
  }

  async append(sessionId: string, pair: [StoredMessage, StoredMessage], nlu: NluResult): Promise<void> {
    const session = this.sessionsById.get(sessionId);
    if (!session) return; // deleted while the turn ran: the user asked for it to be gone
    session.messages.push(...pair);
    if (session.messages.length > MAX_STORED_MESSAGES) session.messages.splice(0, session.messages.length - MAX_STORED_MESSAGES);
    session.nlu = nlu;
    session.usedAt = Date.now();
    this.sessionsById.touch(sessionId, this.ttlMs);
  }

  async read(userId: string, sessionId: string, limit: number) {
    const session = this.sessionsById.get(sessionId);
    if (!session || session.userId !== userId) return undefined;
    this.sessionsById.touch(sessionId, this.ttlMs);
    return { messages: session.messages.slice(-limit), total: session.messages.length };
  }

  async sessions(userId: string): Promise<string[]> {
    return this.owned(userId)
      .sort((a, b) => b[1].usedAt - a[1].usedAt)
      .map(([id]) => id);
  }

  async delete(userId: string, sessionId?: string): Promise<number> {
    const targets = sessionId ? this.owned(userId).filter(([id]) => id === sessionId) : this.owned(userId);
    for (const [id] of targets) this.sessionsById.delete(id);
    return targets.length;
  }

  async probe(): Promise<void> {
    // Process memory is always there.
  }

  private owned(userId: string): Array<[string, Session]> {
    const result: Array<[string, Session]> = [];
    for (const id of this.sessionsById.keys()) {
      const session = this.sessionsById.get(id);
      if (session?.userId === userId) result.push([id, session]);
    }
    return result;
  }
}
