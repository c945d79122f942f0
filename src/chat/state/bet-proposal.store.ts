import type { BetProposal, Language } from '../../common/protocol';

export interface StoredProposal {
  proposal: BetProposal;
  userId: string;
  sessionId: string;
  language: Language;
}

/** What a confirmed bet answers on the wire (protocol.md §2). */
export interface BetConfirmation {
  bet_id: string;
  message: string;
  possible_win: number;
  balance?: number;
}

export type ConfirmationClaim =
  | { kind: 'claimed' }
  | { kind: 'done'; confirmation: BetConfirmation }
  | { kind: 'in_progress' }
  /** Changed or cancelled in chat: it can never be placed. */
  | { kind: 'withdrawn' };

/** Proposals stay readable this long after they expire, so a late confirm says PROPOSAL_EXPIRED, not NOT_FOUND. */
export const EXPIRED_PROPOSAL_RETENTION_MS = 60 * 60 * 1000;
/** A receipt answers repeated confirms for a day. */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;
/** A confirm that crashed mid-way frees the proposal after this long. */
export const CONFIRMATION_CLAIM_TTL_MS = 30_000;

/**
 * Bet proposals made by the agent, owned by the user of the turn, and the one fate each may get:
 * confirmed once, or withdrawn (changed or cancelled in chat). Both take the same claim, atomically,
 * so a proposal is never both placed and withdrawn, across concurrent requests and instances.
 * Each session also points at its open slip: the latest proposal that is still open.
 */
export abstract class BetProposalStore {
  abstract save(stored: StoredProposal): Promise<void>;
  abstract get(proposalId: string): Promise<StoredProposal | undefined>;
  abstract claimConfirmation(proposalId: string): Promise<ConfirmationClaim>;
  /**
   * Withdraws a proposal unless a confirmation holds it (being placed or placed): true when it is
   * withdrawn now or already was, false when it can no longer be.
   */
  abstract withdraw(proposalId: string): Promise<boolean>;
  /** The session's open slip: set when a turn proposes, expires with the proposal. */
  abstract setOpenSlip(sessionId: string, proposal: BetProposal): Promise<void>;
  /** Forgets the session's open slip if it is still that proposal. */
  abstract clearOpenSlip(sessionId: string, proposalId: string): Promise<void>;
  /** The proposal id the session points at, if any (open or not: see openSlip). */
  protected abstract openSlipId(sessionId: string): Promise<string | undefined>;
  /** True when no confirmation or withdrawal has claimed the proposal. */
  protected abstract unclaimed(proposalId: string): Promise<boolean>;

  /** The session's open slip: not expired, not withdrawn, not being or already placed. */
  async openSlip(sessionId: string): Promise<StoredProposal | undefined> {
    const id = await this.openSlipId(sessionId);
    if (!id) return undefined;
    const stored = await this.get(id);
    if (!stored || Date.parse(stored.proposal.expires_at) <= Date.now()) return undefined;
    return (await this.unclaimed(id)) ? stored : undefined;
  }
  abstract completeConfirmation(proposalId: string, confirmation: BetConfirmation): Promise<void>;
  /** The bet was not placed: the proposal may be confirmed again. */
  abstract releaseConfirmation(proposalId: string): Promise<void>;
}

/** What the confirmation slot holds for a withdrawn proposal. */
export const WITHDRAWN = 'withdrawn';

export function retentionMs(proposal: BetProposal): number {
  return Math.max(1, Date.parse(proposal.expires_at) - Date.now()) + EXPIRED_PROPOSAL_RETENTION_MS;
}

/** How long a session's open-slip pointer lives: as long as the proposal can be confirmed. */
export function openSlipMs(proposal: BetProposal): number {
  return Math.max(1, Date.parse(proposal.expires_at) - Date.now());
}
