import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  BetRejectedError,
  InsufficientBalanceError,
  NotFoundError,
  PriceChangedError,
  ProposalExpiredError,
  ProposalWithdrawnError,
  SessionBusyError,
  toDomainError,
} from '../../common/errors';
import { MetricsService } from '../../metrics/metrics.service';
import type { BetProposalSelection } from '../../common/protocol';
import type { BetLeg, Odds, SportsAccount } from '../../sports-api/domain';
import { SportsApi } from '../../sports-api/sports-api.port';
import { type BetConfirmation, BetProposalStore, type StoredProposal } from '../state/bet-proposal.store';
import { checkPrices } from './price-check';
import { SlipReoffer } from './slip-reoffer';

/** How a confirmation may be asked for. */
export interface ConfirmOptions {
  /**
   * Place the bet when every price moved in the user's favour (none lower, one or more higher),
   * at the new prices, instead of refusing with PRICE_CHANGED. A lower price always refuses.
   */
  acceptBetterOdds?: boolean;
  /** The confirming user's sportsbook account; absent = a trusted client's (configured key, user id as given). */
  account?: SportsAccount;
}

const WAIT_FOR_CONCURRENT_CONFIRM_MS = 5000;
const POLL_MS = 50;

/**
 * The only code path that places a bet: a user confirms a proposal the agent made earlier in their
 * own conversation. Idempotent per proposal (the receipt is stored and returned again), so a
 * double click or a retried request never debits the wallet twice; a proposal withdrawn in chat
 * (changed or cancelled) is refused with PROPOSAL_WITHDRAWN. Every selection is priced again, live,
 * before placing: a moved price is refused with PRICE_CHANGED and a new proposal at the new price
 * (the old one is withdrawn), unless the price only got better and the user accepted that.
 */
@Injectable()
export class BetsService {
  private readonly logger = new Logger(BetsService.name);

  constructor(
    private readonly proposals: BetProposalStore,
    private readonly sportsApi: SportsApi,
    private readonly metrics: MetricsService,
    private readonly reoffers: SlipReoffer,
  ) {}

  /**
   * Places (or returns the receipt of) the bet, and leaves one `bet` audit line and one count for
   * every confirmation asked for: placed, replayed (the stored receipt again) or refused with its
   * reason. `correlationId` ties the line to the request (REST) or is minted here (sockets).
   */
  async confirm(
    proposalId: string,
    userId: string,
    correlationId: string = randomUUID(),
    options: ConfirmOptions = {},
  ): Promise<BetConfirmation> {
    const audit = { event: 'bet', user_id: userId, proposal_id: proposalId, correlation_id: correlationId };
    let stored: StoredProposal | undefined;
    try {
      stored = await this.proposals.get(proposalId);
      const { confirmation, placed } = await this.settle(proposalId, userId, stored, options);
      if (placed) this.metrics.betsPlaced.inc();
      this.logger.log({ ...audit, ...terms(stored), result: placed ? 'placed' : 'replayed', bet_id: confirmation.bet_id }, 'bet');
      return confirmation;
    } catch (error) {
      const reason = toDomainError(error).code;
      this.metrics.betsRefused.inc({ reason });
      this.logger.log({ ...audit, ...terms(stored), result: 'refused', reason }, 'bet');
      throw error;
    }
  }

  private async settle(
    proposalId: string,
    userId: string,
    stored: StoredProposal | undefined,
    options: ConfirmOptions,
  ): Promise<{ confirmation: BetConfirmation; placed: boolean }> {
    // Someone else's proposal is reported exactly like an unknown one.
    if (!stored || stored.userId !== userId) throw new NotFoundError('Bet proposal');
    // A concurrent confirm of the same proposal is waited for, then its receipt is returned.
    const deadline = Date.now() + WAIT_FOR_CONCURRENT_CONFIRM_MS;
    let claim = await this.proposals.claimConfirmation(proposalId);
    while (claim.kind === 'in_progress') {
      if (Date.now() > deadline) throw new SessionBusyError();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      claim = await this.proposals.claimConfirmation(proposalId);
    }
    if (claim.kind === 'done') return { confirmation: claim.confirmation, placed: false };
    if (claim.kind === 'withdrawn') throw new ProposalWithdrawnError({ proposal_id: proposalId });
    try {
      const selections = await this.priceAgain(stored, options);
      const confirmation = await this.place(stored, selections, options.account ?? { userId });
      // Placed: the conversation has no open slip any more (a later "cancel that" must not pretend).
      await this.proposals.clearOpenSlip(stored.sessionId, proposalId).catch(() => undefined);
      await this.proposals.completeConfirmation(proposalId, confirmation).catch((error: unknown) =>
        this.logger.error({ err: error, proposal_id: proposalId }, 'bet placed but its receipt could not be stored'),
      );
      return { confirmation, placed: true };
    } catch (error) {
      await this.proposals.releaseConfirmation(proposalId).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The selections to place, after reading every fixture's odds again straight from the sports API
   * (never the cache: a price shown minutes ago is exactly what must not be trusted here). Throws
   * PRICE_CHANGED with a new proposal when a price moved (and was not an accepted improvement), and
   * BET_REJECTED when a selection is no longer offered. Runs while this confirm holds the claim.
   */
  private async priceAgain(stored: StoredProposal, options: ConfirmOptions): Promise<BetProposalSelection[]> {
    const { proposal } = stored;
    if (Date.parse(proposal.expires_at) <= Date.now()) throw new ProposalExpiredError();
    const fixtures = [...new Map(proposal.selections.map((s) => [s.fixture_id, s])).values()];
    const odds = await Promise.all(
      fixtures.map((s) =>
        this.sportsApi.getOdds({ sportId: s.sport_id, tournamentId: s.tournament_id, fixtureId: s.fixture_id }),
      ),
    );
    const check = checkPrices(proposal.selections, new Map<string, Odds>(odds.map((o, i) => [fixtures[i].fixture_id, o])));
    switch (check.kind) {
      case 'unchanged':
        return proposal.selections;
      case 'unavailable':
        throw new BetRejectedError('A selection of this slip is no longer offered.');
      case 'better':
        if (options.acceptBetterOdds) return check.selections;
        throw await this.reoffer(stored, check.selections);
      case 'worse':
        throw await this.reoffer(stored, check.selections);
    }
  }

  /** The PRICE_CHANGED refusal: the new slip at the current prices, the old one withdrawn. */
  private async reoffer(stored: StoredProposal, selections: BetProposalSelection[]): Promise<PriceChangedError> {
    // This confirm holds the claim, so the re-offer always goes through.
    const { proposal, withdrawnProposalId } = (await this.reoffers.reoffer(stored, selections, { claimed: true }))!;
    return new PriceChangedError({ proposal, withdrawn_proposal_id: withdrawnProposalId });
  }

  private async place({ proposal, language }: StoredProposal, selections: BetProposalSelection[], account: SportsAccount): Promise<BetConfirmation> {
    const balance = await this.sportsApi.getBalance(account);
    if (balance.playableBalance < proposal.stake) {
      throw new InsufficientBalanceError({ balance: balance.playableBalance, stake: proposal.stake, currency: balance.currency });
    }
    const legs: BetLeg[] = selections.map((s) => ({
      fixtureId: s.fixture_id,
      tournamentId: s.tournament_id,
      sportId: s.sport_id,
      betId: s.bet_id,
      odd: s.odd,
      market: s.market,
      outcome: s.outcome,
    }));
    const receipt = await this.sportsApi.placeBet({ account, stake: proposal.stake, legs, language });
    const after = receipt.balance ?? (await this.readBalance(account));
    return {
      bet_id: receipt.betId,
      message: receipt.message,
      possible_win: receipt.possibleWin,
      ...(after !== undefined ? { balance: after } : {}),
    };
  }

  /** The bet is placed; a failed balance read must not turn it into an error. */
  private async readBalance(account: SportsAccount): Promise<number | undefined> {
    try {
      return (await this.sportsApi.getBalance(account)).playableBalance;
    } catch {
      return undefined;
    }
  }
}

/** What the audit line says about the slip, when the proposal was found (never someone else's). */
function terms(stored: StoredProposal | undefined): Record<string, unknown> {
  if (!stored) return {};
  const { stake, currency, combined_odd, selections } = stored.proposal;
  return { stake, currency, odds: combined_odd, selections: selections.length };
}
