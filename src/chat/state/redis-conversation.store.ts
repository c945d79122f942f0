import type { RedisClientType } from 'redis';
import type { NluResult } from '../../nlu/nlu.types';
import { withTimeout } from '../../common/timeout';
import {
  CONTEXT_PAIRS,
  ConversationStore,
  MAX_STORED_MESSAGES,
  type StoredMessage,
  type TurnContext,
} from './conversation.store';
import { chatKeys } from './redis-keys';
import { DEFAULT_STATE_TIMEOUT_MS, requireState } from './state-unavailable.error';

/** Creates or confirms ownership and refreshes every TTL in one round trip. */
const CLAIM = `
local owner = redis.call('HGET', KEYS[1], 'user_id')
if owner and owner ~= ARGV[1] then return 0 end
if not owner then redis.call('HSET', KEYS[1], 'user_id', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return 1`;

/** Appends a pair unless the session was deleted meanwhile; caps the history; keeps the NLU memory. */
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1], ARGV[2])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('HSET', KEYS[1], 'nlu', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

/**
 * Sessions in Redis so any instance can continue any conversation: a hash (owner, last NLU
 * result), a capped list of messages and a per-user sorted set of sessions by last use.
 */
export class RedisConversationStore extends ConversationStore {
  constructor(
    private readonly client: RedisClientType,
    private readonly ttlMs: number,
    private readonly commandTimeoutMs = DEFAULT_STATE_TIMEOUT_MS,
  ) {
    super();
  }

  claim(sessionId: string, userId: string): Promise<boolean> {
    return requireState(this.commandTimeoutMs, async () => {
      const result = await this.client.eval(CLAIM, {
        keys: [chatKeys.session(sessionId), chatKeys.messages(sessionId), chatKeys.userSessions(userId)],
        arguments: [userId, String(this.ttlMs), String(Date.now()), sessionId],
      });
      return result === 1;
    });
  }

  ownerOf(sessionId: string): Promise<string | undefined> {
    return requireState(
      this.commandTimeoutMs,
      async () => (await this.client.hGet(chatKeys.session(sessionId), 'user_id')) ?? undefined,
    );
  }

  context(sessionId: string): Promise<TurnContext> {
    return requireState(this.commandTimeoutMs, async () => {
      const [history, nlu] = (await this.client
        .multi()
        .lRange(chatKeys.messages(sessionId), -CONTEXT_PAIRS * 2, -1)
        .hGet(chatKeys.session(sessionId), 'nlu')
        .exec()) as unknown as [string[], string | null];
      const messages = history.map((raw) => JSON.parse(raw) as StoredMessage);
      return {
        history: messages,
        previousUserMessages: messages.filter((m) => m.role === 'user').map((m) => m.content),
        previousNlu: nlu ? (JSON.parse(nlu) as NluResult) : undefined,
      };
    });
  }

  append(sessionId: string, pair: [StoredMessage, StoredMessage], nlu: NluResult): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.eval(APPEND, {
        keys: [chatKeys.session(sessionId), chatKeys.messages(sessionId)],
        arguments: [
          JSON.stringify(pair[0]),
          JSON.stringify(pair[1]),
          String(MAX_STORED_MESSAGES),
          JSON.stringify(nlu),
          String(this.ttlMs),
        ],
      });
    });
  }

  read(userId: string, sessionId: string, limit: number) {
    return requireState(this.commandTimeoutMs, async () => {
      const [owner, raw, total] = (await this.client
        .multi()
        .hGet(chatKeys.session(sessionId), 'user_id')
        .lRange(chatKeys.messages(sessionId), -limit, -1)
        .lLen(chatKeys.messages(sessionId))
        .exec()) as unknown as [string | null, string[], number];
      if (owner !== userId) return undefined;
      await this.client
        .multi()
        .pExpire(chatKeys.session(sessionId), this.ttlMs)
        .pExpire(chatKeys.messages(sessionId), this.ttlMs)
        .exec();
      return { messages: raw.map((m) => JSON.parse(m) as StoredMessage), total };
    });
  }

  sessions(userId: string): Promise<string[]> {
    return requireState(this.commandTimeoutMs, async () => {
      const key = chatKeys.userSessions(userId);
      const [, ids] = (await this.client
        .multi()
        .zRemRangeByScore(key, '-inf', Date.now() - this.ttlMs)
        .zRange(key, 0, -1, { REV: true })
        .exec()) as unknown as [number, string[]];
      return ids;
    });
  }

  delete(userId: string, sessionId?: string): Promise<number> {
    return requireState(this.commandTimeoutMs, async () => {
      const candidates = sessionId
        ? [sessionId]
        : await this.client.zRange(chatKeys.userSessions(userId), 0, -1);
      if (candidates.length === 0) return 0;
      const owners = await Promise.all(
        candidates.map((id) => this.client.hGet(chatKeys.session(id), 'user_id')),
      );
      const owned = candidates.filter((_, i) => owners[i] === userId);
      if (owned.length === 0) return 0;
      const tx = this.client.multi();
      for (const id of owned) {
        tx.del([chatKeys.session(id), chatKeys.messages(id)]);
        tx.zRem(chatKeys.userSessions(userId), id);
      }
      await tx.exec();
      return owned.length;
    });
  }

  async probe(timeoutMs: number): Promise<void> {
    await withTimeout(this.client.ping(), timeoutMs, 'conversation store ping');
  }
}
