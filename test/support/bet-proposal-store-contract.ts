import { randomUUID } from 'node:crypto';
import type { BetProposal } from '../../src/common/protocol';
import type { BetConfirmation, BetProposalStore, ConfirmationClaim, StoredProposal } from '../../src/chat/state/bet-proposal.store';

/**
 * The behaviour every BetProposalStore must have (memory and Redis): a proposal gets one fate —
 * confirmed once or withdrawn — and the session's open slip is only ever a proposal that can still
 * be placed. `second` is another handle on the same state (another instance) when the
 * implementation has one; races are run across the two.
 */
export interface StoreContractOptions {
  store: () => BetProposalStore;
  second?: () => BetProposalStore;
}

export function aSlip(overrides: Partial<BetProposal> = {}): BetProposal {
  return {
    proposal_id: `prop-${randomUUID()}`,
    expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    stake: 25,
    currency: 'USD',
    selections: [
      {
        fixture_id: 'fx-77',
        tournament_id: 't-9',
        sport_id: '1',
        home_team: 'Sevilla',
        away_team: 'Girona',
        start_time: new Date(Date.now() + 86_400_000).toISOString(),
        market: 'result',
        outcome: 'away',
        odd: 3.2,
        bet_id: 'sel-away',
      },
    ],
    combined_odd: 3.2,
    potential_win: 80,
    ...overrides,
  };
}

export function storedOf(proposal: BetProposal, sessionId = `s-${randomUUID()}`, userId = 'u-store'): StoredProposal {
  return { proposal, userId, sessionId, language: 'en' };
}

export const RECEIPT: BetConfirmation = { bet_id: 'ticket-1', message: 'Bet accepted', possible_win: 80, balance: 975 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function betProposalStoreContract({ store: make, second: makeSecond }: StoreContractOptions): void {
  let store: BetProposalStore;
  let other: BetProposalStore;
  beforeEach(() => {
    store = make();
    other = makeSecond ? makeSecond() : store;
  });

  /** A saved proposal that is the open slip of its own session. */
  async function openOne(overrides: Partial<BetProposal> = {}): Promise<StoredProposal> {
    const stored = storedOf(aSlip(overrides));
    await store.save(stored);
    await store.setOpenSlip(stored.sessionId, stored.proposal);
    return stored;
  }

  describe('withdraw vs confirmation', () => {
    it('a withdrawn proposal can never be claimed for confirmation, however often it is asked', async () => {
      const { proposal } = await openOne();
      expect(await store.withdraw(proposal.proposal_id)).toBe(true);
      expect(await other.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
      expect(await other.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
      // Withdrawing again is not an error: it is withdrawn.
      expect(await other.withdraw(proposal.proposal_id)).toBe(true);
    });

    it('a claimed proposal cannot be withdrawn, neither while it is placed nor after', async () => {
      const { proposal } = await openOne();
      expect(await store.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'claimed' });
      expect(await other.withdraw(proposal.proposal_id)).toBe(false);
      expect(await other.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'in_progress' });
      await store.completeConfirmation(proposal.proposal_id, RECEIPT);
      expect(await other.withdraw(proposal.proposal_id)).toBe(false);
      expect(await other.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'done', confirmation: RECEIPT });
    });

    it('a released claim (the bet was not placed) can be withdrawn afterwards', async () => {
      const { proposal } = await openOne();
      expect((await store.claimConfirmation(proposal.proposal_id)).kind).toBe('claimed');
      await store.releaseConfirmation(proposal.proposal_id);
      expect(await other.withdraw(proposal.proposal_id)).toBe(true);
      expect(await store.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    });

    it('releasing a confirmation does not undo a withdrawal', async () => {
      const { proposal } = await openOne();
      expect(await store.withdraw(proposal.proposal_id)).toBe(true);
      await other.releaseConfirmation(proposal.proposal_id);
      expect(await store.claimConfirmation(proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    });

    it('withdraw and claim racing on the same proposals: exactly one of them wins each time', async () => {
      const proposals = await Promise.all(Array.from({ length: 25 }, () => openOne()));
      const outcomes = await Promise.all(
        proposals.map(async ({ proposal }, i) => {
          const id = proposal.proposal_id;
          // Alternate who starts first and on which handle, so both orders are raced.
          let withdrawing: Promise<boolean>;
          let claiming: Promise<ConfirmationClaim>;
          if (i % 2 === 0) {
            withdrawing = store.withdraw(id);
            claiming = other.claimConfirmation(id);
          } else {
            claiming = store.claimConfirmation(id);
            withdrawing = other.withdraw(id);
          }
          const [withdrawn, claim] = await Promise.all([withdrawing, claiming]);
          return { withdrawn, claim: claim.kind };
        }),
      );
      for (const outcome of outcomes) {
        expect([
          { withdrawn: true, claim: 'withdrawn' },
          { withdrawn: false, claim: 'claimed' },
        ]).toContainEqual(outcome);
      }
      // And whichever won, the loser's view stays consistent afterwards.
      for (const [i, { proposal }] of proposals.entries()) {
        const again = await store.claimConfirmation(proposal.proposal_id);
        expect(again.kind).toBe(outcomes[i].withdrawn ? 'withdrawn' : 'in_progress');
      }
    });

    it('withdrawing one proposal leaves the others alone', async () => {
      const a = await openOne();
      const b = await openOne();
      expect(await store.withdraw(a.proposal.proposal_id)).toBe(true);
      expect(await store.claimConfirmation(b.proposal.proposal_id)).toEqual({ kind: 'claimed' });
    });
  });

  describe('the open slip', () => {
    it('is the proposal set for the session, and only for that session', async () => {
      const stored = await openOne();
      expect(await other.openSlip(stored.sessionId)).toEqual(stored);
      expect(await other.openSlip(`${stored.sessionId}-other`)).toBeUndefined();
      expect(await store.openSlip('never-used')).toBeUndefined();
    });

    it('is gone once the proposal is withdrawn', async () => {
      const stored = await openOne();
      await store.withdraw(stored.proposal.proposal_id);
      expect(await other.openSlip(stored.sessionId)).toBeUndefined();
    });

    it('is gone while the proposal is being placed and once it is placed; back if the placing is released', async () => {
      const stored = await openOne();
      const id = stored.proposal.proposal_id;
      await store.claimConfirmation(id);
      expect(await other.openSlip(stored.sessionId)).toBeUndefined();
      await store.releaseConfirmation(id);
      expect(await other.openSlip(stored.sessionId)).toEqual(stored);
      await store.claimConfirmation(id);
      await store.completeConfirmation(id, RECEIPT);
      expect(await other.openSlip(stored.sessionId)).toBeUndefined();
    });

    it('is gone once the proposal expires', async () => {
      const stored = await openOne({ expires_at: new Date(Date.now() + 200).toISOString() });
      expect(await store.openSlip(stored.sessionId)).toEqual(stored);
      await sleep(350);
      expect(await other.openSlip(stored.sessionId)).toBeUndefined();
      // The proposal itself is still readable (a late confirm says PROPOSAL_EXPIRED, not NOT_FOUND).
      expect(await other.get(stored.proposal.proposal_id)).toEqual(stored);
    });

    it('is never a proposal that was already expired when it was set', async () => {
      const stored = storedOf(aSlip({ expires_at: new Date(Date.now() - 1000).toISOString() }));
      await store.save(stored);
      await store.setOpenSlip(stored.sessionId, stored.proposal);
      expect(await other.openSlip(stored.sessionId)).toBeUndefined();
    });

    it('is undefined when the proposal it points at was never saved', async () => {
      const proposal = aSlip();
      await store.setOpenSlip('s-pointer-only', proposal);
      expect(await other.openSlip('s-pointer-only')).toBeUndefined();
    });

    it('is replaced by the next one set for the session', async () => {
      const first = await openOne();
      const next = storedOf(aSlip({ stake: 60 }), first.sessionId);
      await store.save(next);
      await store.setOpenSlip(first.sessionId, next.proposal);
      expect(await other.openSlip(first.sessionId)).toEqual(next);
    });

    it('clearOpenSlip clears only the proposal it names', async () => {
      const stored = await openOne();
      await other.clearOpenSlip(stored.sessionId, 'prop-some-other-id');
      expect(await store.openSlip(stored.sessionId)).toEqual(stored);
      await other.clearOpenSlip(stored.sessionId, stored.proposal.proposal_id);
      expect(await store.openSlip(stored.sessionId)).toBeUndefined();
      // The proposal is not withdrawn by it: it can still be confirmed.
      expect(await store.claimConfirmation(stored.proposal.proposal_id)).toEqual({ kind: 'claimed' });
    });

    it('clearing a replaced proposal leaves the slip that replaced it', async () => {
      const first = await openOne();
      const next = storedOf(aSlip({ stake: 45 }), first.sessionId);
      await store.save(next);
      await store.setOpenSlip(first.sessionId, next.proposal);
      await other.clearOpenSlip(first.sessionId, first.proposal.proposal_id);
      expect(await store.openSlip(first.sessionId)).toEqual(next);
    });
  });
}
