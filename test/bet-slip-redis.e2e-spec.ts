import { createClient, type RedisClientType } from 'redis';
import request from 'supertest';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import type { BetProposal } from '../src/common/protocol';
import { CONFIRMATION_CLAIM_TTL_MS, CONFIRMATION_TTL_MS, WITHDRAWN } from '../src/chat/state/bet-proposal.store';
import { RedisBetProposalStore } from '../src/chat/state/redis-bet-proposal.store';
import { chatKeys } from '../src/chat/state/redis-keys';
import { aSlip, betProposalStoreContract, RECEIPT, storedOf } from './support/bet-proposal-store-contract';
import { startApp, type RunningApp } from './support/app';
import { freshRedisDb } from './support/redis';
import { placeCalls, waitForCatalogue, walletOf } from './support/slip-app';

/**
 * RedisBetProposalStore on a real redis-server: the same contract as the memory store, with two
 * clients standing for two app instances (so withdraw vs confirm races cross instances), plus what
 * only Redis shows: key lifetimes, and a crashed confirm's claim expiring.
 */
describe('RedisBetProposalStore on a real Redis (two instances)', () => {
  let a: RedisClientType;
  let b: RedisClientType;
  beforeAll(async () => {
    const url = await freshRedisDb();
    a = createClient({ url });
    b = createClient({ url });
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  describe('contract', () => {
    betProposalStoreContract({ store: () => new RedisBetProposalStore(a), second: () => new RedisBetProposalStore(b) });
  });

  describe('on the wire', () => {
    it('keeps the withdrawal for the receipt TTL and the open-slip pointer only as long as the proposal can be confirmed', async () => {
      const store = new RedisBetProposalStore(a);
      const stored = storedOf(aSlip({ expires_at: new Date(Date.now() + 90_000).toISOString() }));
      await store.save(stored);
      await store.setOpenSlip(stored.sessionId, stored.proposal);
      const pointerTtl = await a.pTTL(chatKeys.openSlip(stored.sessionId));
      expect(pointerTtl).toBeGreaterThan(80_000);
      expect(pointerTtl).toBeLessThanOrEqual(90_000);
      expect(await a.get(chatKeys.openSlip(stored.sessionId))).toBe(stored.proposal.proposal_id);

      expect(await store.withdraw(stored.proposal.proposal_id)).toBe(true);
      expect(await a.get(chatKeys.confirmation(stored.proposal.proposal_id))).toBe(WITHDRAWN);
      const markTtl = await a.pTTL(chatKeys.confirmation(stored.proposal.proposal_id));
      expect(markTtl).toBeGreaterThan(CONFIRMATION_TTL_MS - 10_000);
      expect(markTtl).toBeLessThanOrEqual(CONFIRMATION_TTL_MS);
    });

    it('does not offer a slip whose proposal has expired, even when the pointer outlived it', async () => {
      const store = new RedisBetProposalStore(a);
      const stored = storedOf(aSlip({ expires_at: new Date(Date.now() + 150).toISOString() }));
      await store.save(stored);
      // A pointer without expiry (written by an older instance, say): the proposal's own time decides.
      await a.set(chatKeys.openSlip(stored.sessionId), stored.proposal.proposal_id);
      expect(await new RedisBetProposalStore(b).openSlip(stored.sessionId)).toEqual(stored);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await new RedisBetProposalStore(b).openSlip(stored.sessionId)).toBeUndefined();
    });

    it("a confirm that crashed mid-way holds the proposal for the claim TTL, then lets it be withdrawn", async () => {
      const store = new RedisBetProposalStore(a);
      const stored = storedOf(aSlip());
      await store.save(stored);
      const id = stored.proposal.proposal_id;
      expect(await store.claimConfirmation(id)).toEqual({ kind: 'claimed' });
      const claimTtl = await a.pTTL(chatKeys.confirmation(id));
      expect(claimTtl).toBeGreaterThan(CONFIRMATION_CLAIM_TTL_MS - 5_000);
      expect(claimTtl).toBeLessThanOrEqual(CONFIRMATION_CLAIM_TTL_MS);
      expect(await new RedisBetProposalStore(b).withdraw(id)).toBe(false);
      // The instance died: let the claim run out instead of waiting 30 s.
      await a.pExpire(chatKeys.confirmation(id), 30);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await new RedisBetProposalStore(b).withdraw(id)).toBe(true);
      expect(await store.claimConfirmation(id)).toEqual({ kind: 'withdrawn' });
    });

    it('a stored receipt is never mistaken for a withdrawal, and a withdrawal never for a receipt', async () => {
      const store = new RedisBetProposalStore(a);
      const placed = storedOf(aSlip());
      const dropped = storedOf(aSlip());
      await Promise.all([store.save(placed), store.save(dropped)]);
      await store.claimConfirmation(placed.proposal.proposal_id);
      await store.completeConfirmation(placed.proposal.proposal_id, RECEIPT);
      await store.withdraw(dropped.proposal.proposal_id);
      const reader = new RedisBetProposalStore(b);
      expect(await reader.claimConfirmation(placed.proposal.proposal_id)).toEqual({ kind: 'done', confirmation: RECEIPT });
      expect(await reader.claimConfirmation(dropped.proposal.proposal_id)).toEqual({ kind: 'withdrawn' });
    });
  });
});

/** The slip through two real app instances on one Redis and one simulator: change on one, confirm on the other. */
describe('bet slip across two app instances on a real Redis (offline engine, shared simulator)', () => {
  let sim: RunningSimulator;
  let one: RunningApp;
  let two: RunningApp;
  beforeAll(async () => {
    const url = await freshRedisDb();
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
    const env = { REDIS_URL: url, CHATBET_API_BASE_URL: sim.url };
    one = await startApp(env);
    two = await startApp(env);
    await Promise.all([waitForCatalogue(one), waitForCatalogue(two)]);
  }, 60_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await sim?.close();
  });

  const say = async (app: RunningApp, message: string) =>
    (await request(app.url).post('/api/v1/chat/message').send({ message, user_id: 'rx-user', session_id: 'rx-session' }).expect(200))
      .body as { bet_proposal?: BetProposal; withdrawn_proposal_id?: string; message: string };
  const confirm = (app: RunningApp, id: string) => request(app.url).post(`/api/v1/bets/${id}/confirm`).send({ user_id: 'rx-user' });
  const openSlip = async (app: RunningApp) =>
    (await request(app.url).get('/api/v1/chat/conversations/rx-user?session_id=rx-session').expect(200)).body.open_slip as BetProposal | undefined;

  it('a slip proposed on one instance is changed on the other; the old one is refused everywhere and only the new one is placed', async () => {
    const placedBefore = await placeCalls(one);
    const before = await walletOf(one, 'rx-user');
    const first = (await say(one, 'stick 30 on Real Sociedad')).bet_proposal!;
    expect(first.stake).toBe(30);
    expect(await openSlip(two)).toEqual(first);

    const changed = await say(two, 'bump it up to 42');
    const second = changed.bet_proposal!;
    expect(second.stake).toBe(42);
    expect(changed.withdrawn_proposal_id).toBe(first.proposal_id);
    expect((await openSlip(one))?.proposal_id).toBe(second.proposal_id);

    expect((await confirm(one, first.proposal_id).expect(409)).body.error_code).toBe('PROPOSAL_WITHDRAWN');
    expect((await confirm(two, first.proposal_id).expect(409)).body.error_code).toBe('PROPOSAL_WITHDRAWN');
    expect(await walletOf(two, 'rx-user')).toEqual(before);

    const [x, y] = await Promise.all([confirm(one, second.proposal_id), confirm(two, second.proposal_id)]);
    expect(x.status).toBe(200);
    expect(y.body).toEqual(x.body);
    expect(await placeCalls(one)).toBe(placedBefore + 1);
    expect((await walletOf(one, 'rx-user')).money).toBeCloseTo(before.money - 42, 2);
    expect(await openSlip(two)).toBeUndefined();

    // Placed: a cancel on either instance finds nothing open to withdraw.
    const late = await say(one, 'cancel it now please');
    expect(late.withdrawn_proposal_id).toBeUndefined();
    expect(late.bet_proposal).toBeUndefined();
  });

  it('a match listed by one instance is "the second one" on the other: what a turn put forward is stored with it in Redis', async () => {
    const listed = await request(one.url)
      .post('/api/v1/chat/message')
      .send({ message: 'upcoming Ligue 1 fixtures', user_id: 'rx-list', session_id: 'rx-list-session' })
      .expect(200);
    const [, second] = [...(listed.body.message as string).matchAll(/— (.+?) vs (.+?)$/gm)];
    expect(second).toBeDefined();
    const staked = await request(two.url)
      .post('/api/v1/chat/message')
      .send({ message: 'ok, 6 on the draw in the second one', user_id: 'rx-list', session_id: 'rx-list-session' })
      .expect(200);
    const proposal = staked.body.bet_proposal as BetProposal;
    expect(proposal.stake).toBe(6);
    expect(proposal.selections).toHaveLength(1);
    expect(proposal.selections[0]).toMatchObject({ home_team: second[1], away_team: second[2], market: 'result', outcome: 'draw' });
  });
});
