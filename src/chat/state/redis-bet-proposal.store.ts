import type { RedisClientType } from 'redis';
import {
  type BetConfirmation,
  BetProposalStore,
  CONFIRMATION_CLAIM_TTL_MS,
  CONFIRMATION_TTL_MS,
  type ConfirmationClaim,
  openSlipMs,
  retentionMs,
  type StoredProposal,
  WITHDRAWN,
} from './bet-proposal.store';
import type { BetProposal } from '../../common/protocol';
import { chatKeys } from './redis-keys';
import { DEFAULT_STATE_TIMEOUT_MS, requireState } from './state-unavailable.error';

const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current then
  if current == 'pending' then return {'in_progress'} end
  return {'done', current}
end
redis.call('SET', KEYS[1], 'pending', 'PX', ARGV[1])
return {'claimed'}`;

/** Withdraw unless a confirmation holds the proposal: 1 withdrawn (now or before), 0 held. */
const WITHDRAW = `
local current = redis.call('GET', KEYS[1])
if current then
  if current == ARGV[2] then return 1 end
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[1])
return 1`;

const CLEAR_IF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == 'pending' then redis.call('DEL', KEYS[1]) end
return 1`;

export class RedisBetProposalStore extends BetProposalStore {
  constructor(
    private readonly client: RedisClientType,
    private readonly commandTimeoutMs = DEFAULT_STATE_TIMEOUT_MS,
  ) {
    super();
  }

  save(stored: StoredProposal): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.set(chatKeys.proposal(stored.proposal.proposal_id), JSON.stringify(stored), {
        expiration: { type: 'PX', value: retentionMs(stored.proposal) },
      });
    });
  }

  get(proposalId: string): Promise<StoredProposal | undefined> {
    return requireState(this.commandTimeoutMs, async () => {
      const raw = await this.client.get(chatKeys.proposal(proposalId));
      return raw ? (JSON.parse(raw) as StoredProposal) : undefined;
    });
  }

  claimConfirmation(proposalId: string): Promise<ConfirmationClaim> {
    return requireState(this.commandTimeoutMs, async () => {
      const [kind, stored] = (await this.client.eval(CLAIM, {
        keys: [chatKeys.confirmation(proposalId)],
        arguments: [String(CONFIRMATION_CLAIM_TTL_MS)],
      })) as [string, string?];
      if (kind === 'done') {
        if (stored === WITHDRAWN) return { kind: 'withdrawn' };
        return { kind, confirmation: JSON.parse(stored!) as BetConfirmation };
      }
      return kind === 'in_progress' ? { kind } : { kind: 'claimed' };
    });
  }

  completeConfirmation(proposalId: string, confirmation: BetConfirmation): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.set(chatKeys.confirmation(proposalId), JSON.stringify(confirmation), {
        expiration: { type: 'PX', value: CONFIRMATION_TTL_MS },
      });
    });
  }

  releaseConfirmation(proposalId: string): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.eval(RELEASE, { keys: [chatKeys.confirmation(proposalId)] });
    });
  }

  withdraw(proposalId: string): Promise<boolean> {
    return requireState(this.commandTimeoutMs, async () => {
      const done = await this.client.eval(WITHDRAW, {
        keys: [chatKeys.confirmation(proposalId)],
        arguments: [String(CONFIRMATION_TTL_MS), WITHDRAWN],
      });
      return done === 1;
    });
  }

  setOpenSlip(sessionId: string, proposal: BetProposal): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.set(chatKeys.openSlip(sessionId), proposal.proposal_id, {
        expiration: { type: 'PX', value: openSlipMs(proposal) },
      });
    });
  }

  clearOpenSlip(sessionId: string, proposalId: string): Promise<void> {
    return requireState(this.commandTimeoutMs, async () => {
      await this.client.eval(CLEAR_IF, { keys: [chatKeys.openSlip(sessionId)], arguments: [proposalId] });
    });
  }

  protected openSlipId(sessionId: string): Promise<string | undefined> {
    return requireState(
      this.commandTimeoutMs,
      async () => (await this.client.get(chatKeys.openSlip(sessionId))) ?? undefined,
    );
  }

  protected unclaimed(proposalId: string): Promise<boolean> {
    return requireState(
      this.commandTimeoutMs,
      async () => (await this.client.exists(chatKeys.confirmation(proposalId))) === 0,
    );
  }
}
