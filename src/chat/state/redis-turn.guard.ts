import type { RedisClientType } from 'redis';
import type { ChatResponse } from '../chat.types';
import { chatKeys } from './redis-keys';
import { DEFAULT_STATE_TIMEOUT_MS, requireState } from './state-unavailable.error';
import {
  type Admission,
  DUPLICATE_CONTENT_WINDOW_MS,
  MESSAGE_ID_TTL_MS,
  SESSION_LOCK_TTL_MS,
  TurnGuard,
  type TurnTicket,
  keysOf,
} from './turn-guard';

/**
 * All three checks and claims in one atomic script, so two instances can never both admit. An
 * admission its caller gave up on (a hung Redis, requireState's bound) is followed on the same
 * connection by ABANDON, so when Redis runs again it undoes it before anything else reads it.
 */
const ADMIT = `
local seen = redis.call('GET', KEYS[1])
if seen then
  if seen == 'pending' then return {'running'} end
  return {'replay', seen}
end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'duplicate'} end
if not redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[4]) then return {'busy'} end
redis.call('SET', KEYS[1], 'pending', 'PX', ARGV[2])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return {'admitted'}`;

const COMPLETE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1`;

const ABANDON = `
redis.call('DEL', KEYS[1], KEYS[2])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
return 1`;

const REFRESH = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** TurnGuard on Redis: dedup and session locks hold across every instance. */
export class RedisTurnGuard extends TurnGuard {
  constructor(
    private readonly client: RedisClientType,
    private readonly commandTimeoutMs = DEFAULT_STATE_TIMEOUT_MS,
  ) {
    super();
  }

  admit(ticket: TurnTicket): Promise<Admission> {
    return requireState(this.commandTimeoutMs, async () => {
      const { messageKey, contentKey, lockKey } = keysOf(ticket);
      const [kind, stored] = (await this.client.eval(ADMIT, {
        keys: [messageKey, contentKey, lockKey],
        arguments: [ticket.lockToken, String(MESSAGE_ID_TTL_MS), String(DUPLICATE_CONTENT_WINDOW_MS), String(SESSION_LOCK_TTL_MS)],
      })) as [string, string?];
      switch (kind) {
        case 'replay':
          return { kind: 'replay', response: JSON.parse(stored!) as ChatResponse };
        case 'running':
        case 'duplicate':
        case 'busy':
          return { kind };
        default:
          return { kind: 'admitted' };
      }
    });
  }

  refresh(ticket: TurnTicket): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.eval(REFRESH, { keys: [keysOf(ticket).lockKey], arguments: [ticket.lockToken, String(SESSION_LOCK_TTL_MS)] });
    });
  }

  complete(ticket: TurnTicket, response: ChatResponse): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      const { messageKey, lockKey } = keysOf(ticket);
      await this.client.eval(COMPLETE, {
        keys: [messageKey, lockKey],
        arguments: [JSON.stringify(response), String(MESSAGE_ID_TTL_MS), ticket.lockToken],
      });
    });
  }

  storedResponse(key: Pick<TurnTicket, 'userId' | 'requestedSessionId' | 'messageId'>): Promise<ChatResponse | undefined> {
    return requireState(this.commandTimeoutMs, async () => {
      const stored = await this.client.get(chatKeys.messageId(key.userId, key.requestedSessionId, key.messageId));
      return stored && stored !== 'pending' ? (JSON.parse(stored) as ChatResponse) : undefined;
    });
  }

  abandon(ticket: TurnTicket): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      const { messageKey, contentKey, lockKey } = keysOf(ticket);
      await this.client.eval(ABANDON, { keys: [messageKey, contentKey, lockKey], arguments: [ticket.lockToken] });
    });
  }
}
