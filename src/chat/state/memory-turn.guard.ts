import type { ChatResponse } from '../chat.types';
import { ExpiringMap } from './expiring-map';
import { chatKeys } from './redis-keys';
import {
  type Admission,
  DUPLICATE_CONTENT_WINDOW_MS,
  MESSAGE_ID_TTL_MS,
  SESSION_LOCK_TTL_MS,
  TurnGuard,
  type TurnTicket,
  keysOf,
} from './turn-guard';

const PENDING = 'pending';

/** Single-instance TurnGuard with the same semantics as the Redis one. */
export class MemoryTurnGuard extends TurnGuard {
  private readonly messages = new ExpiringMap<ChatResponse | typeof PENDING>();
  private readonly contents = new ExpiringMap<true>();
  private readonly locks = new ExpiringMap<string>();

  async admit(ticket: TurnTicket): Promise<Admission> {
    const { messageKey, contentKey, lockKey } = keysOf(ticket);
    const seen = this.messages.get(messageKey);
    if (seen === PENDING) return { kind: 'running' };
    if (seen) return { kind: 'replay', response: seen };
    if (this.contents.has(contentKey)) return { kind: 'duplicate' };
    if (!this.locks.setIfAbsent(lockKey, ticket.lockToken, SESSION_LOCK_TTL_MS)) return { kind: 'busy' };
    this.messages.set(messageKey, PENDING, MESSAGE_ID_TTL_MS);
    this.contents.set(contentKey, true, DUPLICATE_CONTENT_WINDOW_MS);
    return { kind: 'admitted' };
  }

  async refresh(ticket: TurnTicket): Promise<void> {
    const { lockKey } = keysOf(ticket);
    if (this.locks.get(lockKey) === ticket.lockToken) this.locks.touch(lockKey, SESSION_LOCK_TTL_MS);
  }

  async complete(ticket: TurnTicket, response: ChatResponse): Promise<void> {
    this.messages.set(keysOf(ticket).messageKey, response, MESSAGE_ID_TTL_MS);
    this.release(ticket);
  }

  async abandon(ticket: TurnTicket): Promise<void> {
    const { messageKey, contentKey } = keysOf(ticket);
    this.messages.delete(messageKey);
    this.contents.delete(contentKey);
    this.release(ticket);
  }

  async storedResponse(key: Pick<TurnTicket, 'userId' | 'requestedSessionId' | 'messageId'>): Promise<ChatResponse | undefined> {
    const seen = this.messages.get(chatKeys.messageId(key.userId, key.requestedSessionId, key.messageId));
    return seen === PENDING ? undefined : seen;
  }

  private release(ticket: TurnTicket): void {
    const { lockKey } = keysOf(ticket);
    if (this.locks.get(lockKey) === ticket.lockToken) this.locks.delete(lockKey);
  }
}
