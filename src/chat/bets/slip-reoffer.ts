import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BetProposal, BetProposalSelection } from '../../common/protocol';
import { PROPOSAL_TTL_MS } from '../../llm/tools/betting-queries';
import { payout } from '../../llm/tools/tool-views';
import { BetProposalStore, type StoredProposal } from '../state/bet-proposal.store';

export interface Reoffered {
  proposal: BetProposal;
  withdrawnProposalId: string;
}

/**
 * A slip whose price moved becomes a new proposal at the current prices, the session's open slip,
 * and the old one is withdrawn: what a confirm at a moved price answers (PRICE_CHANGED) and what a
 * live slip alert offers. One path, so the two can never disagree about which slip is confirmable.
 */
@Injectable()
export class SlipReoffer {
  constructor(private readonly proposals: BetProposalStore) {}

  /**
   * `claimed`: the caller is a confirm holding the old proposal's claim, released here so the old
   * one is withdrawn rather than left claimed as if placed. Without it the old proposal is
   * withdrawn only if nobody claimed it meanwhile: undefined when a confirm got there first (that
   * confirm prices it again itself).
   */
  async reoffer(stored: StoredProposal, selections: BetProposalSelection[], options: { claimed: boolean }): Promise<Reoffered | undefined> {
    const old = stored.proposal;
    const p = payout(
      old.stake,
      selections.map((s) => s.odd),
    );
    const proposal: BetProposal = {
      proposal_id: randomUUID(),
      expires_at: new Date(Date.now() + PROPOSAL_TTL_MS).toISOString(),
      stake: p.stake,
      currency: old.currency,
      selections,
      combined_odd: p.combined_odd,
      potential_win: p.potential_return,
    };
    await this.proposals.save({ ...stored, proposal });
    if (options.claimed) await this.proposals.releaseConfirmation(old.proposal_id);
    const withdrawn = await this.proposals.withdraw(old.proposal_id);
    if (!withdrawn && !options.claimed) return undefined;
    await this.proposals.setOpenSlip(stored.sessionId, proposal);
    return { proposal, withdrawnProposalId: old.proposal_id };
  }
}
