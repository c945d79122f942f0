import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { SlipReoffer } from '../chat/bets/slip-reoffer';
import { BetProposalStore } from '../chat/state/bet-proposal.store';
import type { BetProposalSelection } from '../common/protocol';
import { slipPriceAlert } from '../llm/offline/slip-writer';
import { MetricsService } from '../metrics/metrics.service';
import type { FixtureRef, LiveBatch, OddsUpdate, SlipUpdate } from './live.types';
import type { Subscriber } from './subscription-registry';

/** Odds are compared to the ten-thousandth the payout maths uses, so float noise is not a move. */
const ODD_EPSILON = 0.00005;

/** The distinct fixtures of a slip's selections. */
export function slipFixtures(selections: BetProposalSelection[]): FixtureRef[] {
  const refs = new Map<string, FixtureRef>();
  for (const s of selections) refs.set(s.fixture_id, { fixtureId: s.fixture_id, tournamentId: s.tournament_id, sportId: s.sport_id });
  return [...refs.values()];
}

/**
 * Tells a user following their open slip that its price moved: the slip is re-offered at the new
 * price exactly as a confirm at a moved price re-offers it (the old proposal withdrawn, the new one
 * the session's open slip), and the socket gets a `slip_update` with a short message in the slip's
 * language and the new card. Nothing is ever placed here. Checks of one session run one at a time,
 * so two updates in a row cannot re-offer the same slip twice.
 */
@Injectable()
export class SlipAlerts {
  private readonly logger = new Logger(SlipAlerts.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly proposals: BetProposalStore,
    private readonly reoffers: SlipReoffer,
    private readonly metrics: MetricsService,
  ) {}

  /** A batch moved prices of a fixture in the session's slip: check it (after any check of the same session still running). */
  check(subscriber: Subscriber, batch: LiveBatch, namespace: Namespace | undefined): Promise<void> {
    const sessionId = subscriber.sessionId;
    if (!sessionId || !namespace) return Promise.resolve();
    const previous = this.running.get(sessionId) ?? Promise.resolve();
    const next = previous
      .then(() => this.alert(subscriber, sessionId, batch, namespace))
      .catch((error: unknown) => this.logger.warn(`slip alert for a session failed: ${(error as Error).message}`))
      .finally(() => {
        if (this.running.get(sessionId) === next) this.running.delete(sessionId);
      });
    this.running.set(sessionId, next);
    return next;
  }

  private async alert(subscriber: Subscriber, sessionId: string, batch: LiveBatch, namespace: Namespace): Promise<void> {
    const stored = await this.proposals.openSlip(sessionId);
    if (!stored) return;
    const selections = repriced(stored.proposal.selections, batch.odds);
    if (!selections) return; // the slip was already at these prices (made after the move) or not affected
    const reoffered = await this.reoffers.reoffer(stored, selections, { claimed: false });
    if (!reoffered) return; // a confirm holds the slip: it prices it again itself
    const update: SlipUpdate = {
      type: 'slip_update',
      session_id: sessionId,
      content: slipPriceAlert(stored.proposal, reoffered.proposal, stored.language),
      language: stored.language,
      bet_proposal: reoffered.proposal,
      withdrawn_proposal_id: reoffered.withdrawnProposalId,
      timestamp: new Date().toISOString(),
    };
    const socket = namespace.sockets.get(subscriber.id);
    if (!socket) return;
    socket.emit('slip_update', update);
    this.metrics.liveUpdatesSent.inc({ transport: 'socketio', event: 'slip_update' });
  }
}

/**
 * The slip's selections at the prices the updates carry (the very moves its subscribers were just
 * sent), or undefined when no selection's price differs from them. Confirming reads every price
 * again anyway, so a move in between is still caught there.
 */
export function repriced(selections: BetProposalSelection[], updates: OddsUpdate[]): BetProposalSelection[] | undefined {
  let moved = false;
  const next = selections.map((s) => {
    const update = updates.find(
      (u) => u.match_id === s.fixture_id && u.market_type === s.market && u.outcome === s.outcome && (s.line === undefined || u.line === s.line),
    );
    if (!update || Math.abs(update.new_odds - s.odd) <= ODD_EPSILON) return s;
    moved = true;
    return { ...s, odd: update.new_odds };
  });
  return moved ? next : undefined;
}
