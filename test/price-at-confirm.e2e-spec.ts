import type { BetProposal } from '../src/common/protocol';
import { startApp, type RunningApp } from './support/app';
import { connectSocket, type Frame } from './support/fakes/socket-clients';
import { type Conversation, conversationIds, moveClockUntil, movePrice, placeCalls, slipRequests, waitForCatalogue, walletOf } from './support/slip-app';

/**
 * The price at confirm, through the real app (offline engine, real NLU and tools, embedded
 * simulator): a slip proposed in chat is priced again when it is confirmed. The simulator's clock is
 * moved ahead (its odds step every 15 minutes) to make a price move on demand: a moved price is
 * refused with 409 PRICE_CHANGED and a new slip at the new price, and nothing is placed; the new
 * slip can then be confirmed. An unmoved price is placed as before.
 *
 * Its own app: moving the simulator clock would make other suites' cached prices stale.
 */

type ChatBody = Record<string, any> & { message: string; bet_proposal?: BetProposal };

describe('price at confirm (real app, offline engine, embedded simulator with a movable clock)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
    await waitForCatalogue(running);
  }, 60_000);
  afterAll(() => running.close());

  const fresh = conversationIds('price');
  const { say, confirm, history } = slipRequests(() => running);
  const propose = async (who: Conversation, message: string): Promise<BetProposal> => {
    const proposal = (await say<ChatBody>(who, message)).bet_proposal;
    expect(proposal).toBeDefined();
    return proposal!;
  };
  const openSlip = async (who: Conversation) => (await history(who)).open_slip;

  describe('over REST', () => {
    it('an unmoved price is placed as before', async () => {
      const who = fresh('same');
      const placedBefore = await placeCalls(running);
      const proposal = await propose(who, 'put 12 on Napoli to win, thanks');
      const placed = await confirm(who.user, proposal.proposal_id).expect(200);
      expect(placed.body).toMatchObject({ bet_id: expect.any(String) });
      expect(placed.body.possible_win).toBeCloseTo(proposal.potential_win, 2);
      expect(await placeCalls(running)).toBe(placedBefore + 1);
    });

    it('a moved price is 409 PRICE_CHANGED with a new slip at the new price, nothing placed; the new slip is then placed', async () => {
      const who = fresh('moved');
      const before = await walletOf(running, who.user);
      const placedBefore = await placeCalls(running);
      const proposal = await propose(who, 'put 20 on Arsenal to win, thanks');
      const newOdd = await movePrice(running, proposal.selections[0]);

      const refused = await confirm(who.user, proposal.proposal_id).expect(409);
      expect(refused.body).toMatchObject({ error_code: 'PRICE_CHANGED', correlation_id: expect.any(String) });
      expect(refused.body.message.length).toBeGreaterThan(0);
      const next = refused.body.details.proposal as BetProposal;
      expect(refused.body.details.withdrawn_proposal_id).toBe(proposal.proposal_id);
      expect(next.proposal_id).not.toBe(proposal.proposal_id);
      expect(next.stake).toBe(20);
      expect(next.selections[0]).toMatchObject({ fixture_id: proposal.selections[0].fixture_id, outcome: proposal.selections[0].outcome, odd: newOdd });
      expect(next.potential_win).toBeCloseTo(20 * newOdd, 2);
      expect(await placeCalls(running)).toBe(placedBefore);
      expect(await walletOf(running, who.user)).toEqual(before);
      expect((await openSlip(who))?.proposal_id).toBe(next.proposal_id);

      // The old slip is withdrawn, not left claimed: confirming it again says so and places nothing.
      expect((await confirm(who.user, proposal.proposal_id).expect(409)).body.error_code).toBe('PROPOSAL_WITHDRAWN');
      expect(await placeCalls(running)).toBe(placedBefore);

      const placed = await confirm(who.user, next.proposal_id).expect(200);
      expect(placed.body.possible_win).toBeCloseTo(next.potential_win, 2);
      expect(placed.body.balance).toBeCloseTo(before.playable - 20, 2);
      expect(await placeCalls(running)).toBe(placedBefore + 1);
    });

    it('accept_better_odds places an improved price at the new odds; a worse one is refused even so', async () => {
      // Both sides of one match: when the clock moves one side's price, the other moves the other way.
      const placedBefore = await placeCalls(running);
      const one = fresh('side-a');
      const a = await propose(one, 'put 10 on Chelsea to win, thanks');
      const [legA] = a.selections;
      const opponent = legA.outcome === 'home' ? legA.away_team : legA.home_team;
      const other = fresh('side-b');
      const b = await propose(other, `put 10 on ${opponent} to win, thanks`);
      expect(b.selections[0].fixture_id).toBe(legA.fixture_id);
      // Until one side is strictly dearer and the other strictly cheaper than proposed (a step can
      // leave one side where it was, and the proposals may carry a price from before this test).
      const [legB] = b.selections;
      const [nowA, nowB] = await moveClockUntil(
        running,
        [legA, legB],
        ([oddA, oddB]) => (oddA > legA.odd && oddB < legB.odd) || (oddA < legA.odd && oddB > legB.odd),
      );
      const aWentUp = nowA > legA.odd;
      const up = aWentUp ? { who: one, proposal: a, odd: nowA } : { who: other, proposal: b, odd: nowB };
      const down = aWentUp ? { who: other, proposal: b } : { who: one, proposal: a };

      const refused = await confirm(down.who.user, down.proposal.proposal_id, { accept_better_odds: true }).expect(409);
      expect(refused.body.error_code).toBe('PRICE_CHANGED');
      expect(await placeCalls(running)).toBe(placedBefore);

      const placed = await confirm(up.who.user, up.proposal.proposal_id, { accept_better_odds: true }).expect(200);
      expect(placed.body.possible_win).toBeCloseTo(10 * up.odd, 2);
      expect(await placeCalls(running)).toBe(placedBefore + 1);
    });
  });

  describe('over Socket.IO', () => {
    const finalOf = (frames: Frame[]) => frames.find((f) => f.event === 'assistant_response' && f.is_final)!;

    it('the confirm_bet ack refuses a moved price with PRICE_CHANGED and the new slip; confirming that one places it', async () => {
      const who = fresh('sio');
      const placedBefore = await placeCalls(running);
      const client = await connectSocket(running.url, { user_id: who.user, session_id: who.session });
      try {
        await client.ack('user_message', { content: 'put 15 on Napoli to win, thanks', message_id: 'pc-1' });
        const proposal = finalOf(await client.turn('pc-1')).bet_proposal as BetProposal;
        expect(proposal).toBeDefined();
        const newOdd = await movePrice(running, proposal.selections[0]);

        const refused = await client.ack('confirm_bet', { proposal_id: proposal.proposal_id });
        expect(refused).toEqual({ error: expect.objectContaining({ error_code: 'PRICE_CHANGED' }) });
        const next = refused.error.details.proposal as BetProposal;
        expect(next.selections[0].odd).toBe(newOdd);
        expect(await placeCalls(running)).toBe(placedBefore);
        expect((await client.ack('history', { session_id: who.session })).open_slip?.proposal_id).toBe(next.proposal_id);

        const placed = await client.ack('confirm_bet', { proposal_id: next.proposal_id });
        expect(placed).toMatchObject({ bet_id: expect.any(String), possible_win: expect.any(Number) });
        expect(await placeCalls(running)).toBe(placedBefore + 1);
      } finally {
        client.close();
      }
    });
  });
});
