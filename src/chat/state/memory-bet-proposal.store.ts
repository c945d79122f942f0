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
import { ExpiringMap } from './expiring-map';

export class MemoryBetProposalStore extends BetProposalStore {
  private readonly proposals = new ExpiringMap<StoredProposal>();
  private readonly confirmations = new ExpiringMap<BetConfirmation | 'pending' | typeof WITHDRAWN>();
  private readonly openSlips = new ExpiringMap<string>();

  async save(stored: StoredProposal): Promise<void> {
    this.proposals.set(stored.proposal.proposal_id, stored, retentionMs(stored.proposal));
  }

  async get(proposalId: string): Promise<StoredProposal | undefined> {
    return this.proposals.get(proposalId);
  }

  async claimConfirmation(proposalId: string): Promise<ConfirmationClaim> {
    const current = this.confirmations.get(proposalId);
    if (current === 'pending') return { kind: 'in_progress' };
    if (current === WITHDRAWN) return { kind: 'withdrawn' };
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

  async withdraw(proposalId: string): Promise<boolean> {
    const current = this.confirmations.get(proposalId);
    if (current === WITHDRAWN) return true;
    if (current) return false;
    this.confirmations.set(proposalId, WITHDRAWN, CONFIRMATION_TTL_MS);
    return true;
  }

  async setOpenSlip(sessionId: string, proposal: BetProposal): Promise<void> {
    this.openSlips.set(sessionId, proposal.proposal_id, openSlipMs(proposal));
  }

  async clearOpenSlip(sessionId: string, proposalId: string): Promise<void> {
    if (this.openSlips.get(sessionId) === proposalId) this.openSlips.delete(sessionId);
  }

  protected async openSlipId(sessionId: string): Promise<string | undefined> {
    return this.openSlips.get(sessionId);
  }

  protected async unclaimed(proposalId: string): Promise<boolean> {
    return this.confirmations.get(proposalId) === undefined;
  }
}
