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
  | { kind: 'in_progress' };

/** Proposals stay readable this long after they expire, so a late confirm says PROPOSAL_EXPIRED, not NOT_FOUND. */
export const EXPIRED_PROPOSAL_RETENTION_MS = 60 * 60 * 1000;
/** A receipt answers repeated confirms for a day. */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;
/** A confirm that crashed mid-way frees the proposal after this long. */
export const CONFIRMATION_CLAIM_TTL_MS = 30_000;

/**
 * Bet proposals made by the agent, owned by the user of the turn, and the one confirmation each
 * may get. The claim makes confirmation idempotent across concurrent requests and instances.
 */
export abstract class BetProposalStore {
  abstract save(stored: StoredProposal): Promise<void>;
  abstract get(proposalId: string): Promise<StoredProposal | undefined>;
  abstract claimConfirmation(proposalId: string): Promise<ConfirmationClaim>;
  abstract completeConfirmation(proposalId: string, confirmation: BetConfirmation): Promise<void>;
  /** The bet was not placed: the proposal may be confirmed again. */
  abstract releaseConfirmation(proposalId: string): Promise<void>;
}

export function retentionMs(proposal: BetProposal): number {
  return Math.max(1, Date.parse(proposal.expires_at) - Date.now()) + EXPIRED_PROPOSAL_RETENTION_MS;
}
