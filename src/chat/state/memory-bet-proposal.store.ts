import {
  type BetConfirmation,
  BetProposalStore,
  CONFIRMATION_CLAIM_TTL_MS,
  CONFIRMATION_TTL_MS,
  type ConfirmationClaim,
  retentionMs,
  type StoredProposal,
} from './bet-proposal.store';
import { ExpiringMap } from './expiring-map';

export class MemoryBetProposalStore extends BetProposalStore {
  private readonly proposals = new ExpiringMap<StoredProposal>();
  private readonly confirmations = new ExpiringMap<BetConfirmation | 'pending'>();

  async save(stored: StoredProposal): Promise<void> {
    this.proposals.set(stored.proposal.proposal_id, stored, retentionMs(stored.proposal));
  }

  async get(proposalId: string): Promise<StoredProposal | undefined> {
    return this.proposals.get(proposalId);
  }

  async claimConfirmation(proposalId: string): Promise<ConfirmationClaim> {
    const current = this.confirmations.get(proposalId);
    if (current === 'pending') return { kind: 'in_progress' };
    if (current) return { kind: 'done', confirmation: current };
    this.confirmations.set(proposalId, 'pending', CONFIRMATION_CLAIM_TTL_MS);
    return { kind: 'claimed' };
  }

  async completeConfirmation(proposalId: string, confirmation: BetConfirmation): Promise<void> {
    this.confirmations.set(proposalId, confirmation, CONFIRMATION_TTL_MS);
  }

  async releaseConfirmation(proposalId: string): Promise<void> {
    if (this.confirmations.get(proposalId) === 'pending') this.confirmations.delete(proposalId);
  }
}
