import { aSlip, betProposalStoreContract, RECEIPT, storedOf } from '../../../test/support/bet-proposal-store-contract';
import { CONFIRMATION_CLAIM_TTL_MS, CONFIRMATION_TTL_MS, openSlipMs, retentionMs } from './bet-proposal.store';
import { MemoryBetProposalStore } from './memory-bet-proposal.store';

describe('MemoryBetProposalStore', () => {
  describe('contract', () => {
    // One process: the "second instance" is the same store.
    betProposalStoreContract({ store: () => new MemoryBetProposalStore() });
  });

  describe('lifetimes (fake clock)', () => {
    const start = new Date('2026-03-01T12:00:00.000Z').getTime();
    beforeEach(() => {
      jest.useFakeTimers({ now: start });
    });
    afterEach(() => {
      jest.useRealTimers();
    });
    const advance = (ms: number) => jest.setSystemTime(Date.now() + ms);

    it('a confirm that crashed mid-way stops holding the proposal after the claim TTL: it can then be withdrawn', async () => {
      const store = new MemoryBetProposalStore();
      const stored = storedOf(aSlip({ expires_at: new Date(start + 10 * 60_000).toISOString() }));
      await store.save(stored);
      expect(await store.claimConfirmation(stored.proposal.proposal_id)).toEqual({ kind: 'claimed' });
      advance(CONFIRMATION_CLAIM_TTL_MS - 1);
      expect(await store.withdraw(stored.proposal.proposal_id)).toBe(false);
      advance(2);
      expect(await store.withdraw(stored.proposal.proposal_id)).toBe(true);
      expect(await store.claimConfirmation(stored.proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    });

    it('a withdrawal is remembered for the receipt TTL, well past the proposal itself', async () => {
      const store = new MemoryBetProposalStore();
      const stored = storedOf(aSlip({ expires_at: new Date(start + 5 * 60_000).toISOString() }));
      await store.save(stored);
      await store.withdraw(stored.proposal.proposal_id);
      advance(CONFIRMATION_TTL_MS - 1000);
      expect(await store.claimConfirmation(stored.proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    });

    it('the open slip lasts exactly as long as the proposal can be confirmed; the proposal stays readable longer', async () => {
      const store = new MemoryBetProposalStore();
      const proposal = aSlip({ expires_at: new Date(start + 5 * 60_000).toISOString() });
      const stored = storedOf(proposal);
      expect(openSlipMs(proposal)).toBe(5 * 60_000);
      expect(retentionMs(proposal)).toBeGreaterThan(openSlipMs(proposal));
      await store.save(stored);
      await store.setOpenSlip(stored.sessionId, proposal);
      advance(5 * 60_000 - 1);
      expect(await store.openSlip(stored.sessionId)).toEqual(stored);
      advance(1);
      expect(await store.openSlip(stored.sessionId)).toBeUndefined();
      expect(await store.get(proposal.proposal_id)).toEqual(stored);
    });

    it('a receipt answers repeated confirms after the proposal has expired, and still blocks a withdrawal', async () => {
      const store = new MemoryBetProposalStore();
      const stored = storedOf(aSlip({ expires_at: new Date(start + 60_000).toISOString() }));
      await store.save(stored);
      await store.claimConfirmation(stored.proposal.proposal_id);
      await store.completeConfirmation(stored.proposal.proposal_id, RECEIPT);
      advance(2 * 60 * 60_000);
      expect(await store.claimConfirmation(stored.proposal.proposal_id)).toEqual({ kind: 'done', confirmation: RECEIPT });
      expect(await store.withdraw(stored.proposal.proposal_id)).toBe(false);
    });
  });
});
