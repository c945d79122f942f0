import request from 'supertest';
import type { BetProposal } from '../src/common/protocol';
import { startApp, type RunningApp } from './support/app';
import { connectSocket, connectWs, type Frame, type RecordedSocket, type RecordedWs } from './support/fakes/socket-clients';
import { distantFixtures, eventually, fixtureInTournamentWindow, homeWin, isHomeMove, morePolls, nextEvent, socketEvents, wsFrames } from './support/live';
import { conversationIds, movePrice, placeCalls, waitForCatalogue } from './support/slip-app';

/**
 * Live updates through the real app (offline engine, embedded simulator with a movable clock):
 * subscriptions on Socket.IO `/chat` and the plain WebSocket `/ws/sports-updates`, fed by the
 * poller from real simulator prices. The simulator's clock is moved ahead until a price moves; the
 * move must reach each subscriber exactly once, however many polls follow.
 *
 * Its own app: moving the simulator clock would make other suites' cached prices stale.
 */
describe('live updates (real app, one instance, embedded simulator)', () => {
  let running: RunningApp;
  const open: Array<RecordedSocket | RecordedWs> = [];
  beforeAll(async () => {
    running = await startApp({
      // Poll often and cache odds for a second, so a moved price is seen within a few polls.
      LIVE_POLL_INTERVAL_MS: '100',
      CACHE_TTL_ODDS: '1',
      LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
      LIVE_MAX_SUBSCRIPTIONS_PER_USER: '4',
    });
    await waitForCatalogue(running);
  }, 60_000);
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => running.close());

  const fresh = conversationIds('live');
  const socketFor = async (who: { user: string; session: string }) => {
    const socket = await connectSocket(running.url, { user_id: who.user, session_id: who.session });
    open.push(socket);
    return socket;
  };
  const sportsWs = async (query = '') => {
    const ws = await connectWs(running.url, `/ws/sports-updates${query}`);
    open.push(ws);
    await ws.next((f) => f.type === 'connection_established');
    return ws;
  };

  it('an odds move reaches a Socket.IO subscriber and a /ws/sports-updates subscriber exactly once', async () => {
    const [fixture] = await distantFixtures(running, 1);
    const socket = await socketFor(fresh('io'));
    const ack = await socket.ack('subscribe', { fixture_ids: [fixture.id] });
    expect(ack).toEqual({ subscribed: { fixture_ids: [fixture.id], tournament_ids: [], open_slip: false } });
    const ws = await sportsWs();
    ws.send({ type: 'subscribe', fixture_ids: [fixture.id] });
    expect(await ws.next((f) => f.type === 'subscription_confirmed')).toMatchObject({ subscribed: { fixture_ids: [fixture.id], tournament_ids: [] } });

    await morePolls([running]); // the poller has read the baseline price
    const selection = await homeWin(running, fixture);
    const newOdd = await movePrice(running, selection);
    const moved = await nextEvent(socket, 'odds_update', isHomeMove(fixture.id, newOdd));
    expect(moved).toMatchObject({
      type: 'odds_update',
      match_id: fixture.id,
      tournament_id: fixture.tournamentId,
      old_odds: selection.odd,
      new_odds: newOdd,
      movement_direction: newOdd > selection.odd ? 'up' : 'down',
      timestamp: expect.any(String),
    });
    expect(moved.change_percentage).toBeCloseTo(((newOdd - selection.odd) / selection.odd) * 100, 1);
    await ws.next(isHomeMove(fixture.id, newOdd));

    await morePolls([running], 3); // later polls of the same price send nothing again
    expect(socketEvents(socket, 'odds_update').filter(isHomeMove(fixture.id, newOdd))).toHaveLength(1);
    expect(wsFrames(ws, isHomeMove(fixture.id, newOdd))).toHaveLength(1);
  });

  it('a tournament subscription (the original `competitions` frame, by name) hears its fixtures; unsubscribing stops them', async () => {
    const fixture = await fixtureInTournamentWindow(running);
    const ws = await sportsWs();
    ws.send({ type: 'subscribe', competitions: [fixture.tournamentName] });
    expect(await ws.next((f) => f.type === 'subscription_confirmed')).toMatchObject({ subscribed: { tournament_ids: [fixture.tournamentId] } });
    const quiet = await sportsWs();
    quiet.send({ type: 'subscribe', tournament_ids: [fixture.tournamentId] });
    await quiet.next((f) => f.type === 'subscription_confirmed');
    quiet.send({ type: 'unsubscribe' });
    expect(await quiet.next((f) => f.type === 'unsubscription_confirmed')).toMatchObject({ subscribed: { fixture_ids: [], tournament_ids: [] } });

    await morePolls([running]);
    const newOdd = await movePrice(running, await homeWin(running, fixture));
    await ws.next(isHomeMove(fixture.id, newOdd));
    await morePolls([running], 2);
    expect(wsFrames(quiet, (f) => f.type === 'odds_update')).toEqual([]);
  });

  it('an open slip whose price moves is re-offered at the new price with a short message in its language; nothing is placed', async () => {
    const who = fresh('slip');
    const said = await request(running.url)
      .post('/api/v1/chat/message')
      .send({ message: 'apuesta 20 al Arsenal', user_id: who.user, session_id: who.session })
      .expect(200);
    const proposal = (said.body as { bet_proposal?: BetProposal }).bet_proposal!;
    expect(said.body.language).toBe('es');
    expect(proposal).toBeDefined();
    const socket = await socketFor(who);
    const ack = await socket.ack('subscribe', { open_slip: true });
    expect(ack).toEqual({ subscribed: { fixture_ids: [], tournament_ids: [], open_slip: true } });
    const placedBefore = await placeCalls(running);

    await morePolls([running]);
    const newOdd = await movePrice(running, proposal.selections[0]);
    const alert = await nextEvent(socket, 'slip_update', () => true);
    expect(alert).toMatchObject({
      type: 'slip_update',
      session_id: who.session,
      language: 'es',
      withdrawn_proposal_id: proposal.proposal_id,
      bet_proposal: { stake: proposal.stake, selections: [{ fixture_id: proposal.selections[0].fixture_id, odd: newOdd }] },
    });
    expect(alert.content).toContain('boleto');
    const fresher = alert.bet_proposal as BetProposal;
    expect(fresher.proposal_id).not.toBe(proposal.proposal_id);
    expect(fresher.potential_win).toBeCloseTo(proposal.stake * newOdd, 2);

    // The same slip as a PRICE_CHANGED would leave: the old one cannot be placed, the new one is the open slip.
    const old = await request(running.url).post(`/api/v1/bets/${proposal.proposal_id}/confirm`).send({ user_id: who.user }).expect(409);
    expect(old.body.error_code).toBe('PROPOSAL_WITHDRAWN');
    const history = await request(running.url).get(`/api/v1/chat/conversations/${who.user}?session_id=${who.session}`).expect(200);
    expect(history.body.open_slip.proposal_id).toBe(fresher.proposal_id);
    expect(await placeCalls(running)).toBe(placedBefore);
    // The subscriber also heard the move itself.
    expect(socketEvents(socket, 'odds_update').some((e) => e.match_id === proposal.selections[0].fixture_id)).toBe(true);
    await morePolls([running], 2);
    expect(socketEvents(socket, 'slip_update')).toHaveLength(1);
  });

  it('refuses subscriptions past the per-connection and per-user limits with SUBSCRIPTION_LIMIT, keeping what was there', async () => {
    const fixtures = await distantFixtures(running, 5);
    const user = fresh('limits');
    const first = await socketFor(user);
    expect(await first.ack('subscribe', { fixture_ids: fixtures.slice(0, 3).map((f) => f.id) })).toMatchObject({ subscribed: { fixture_ids: fixtures.slice(0, 3).map((f) => f.id) } });
    const over = await first.ack('subscribe', { fixture_ids: [fixtures[3].id] });
    expect(over.error).toMatchObject({ error_code: 'SUBSCRIPTION_LIMIT', details: { scope: 'connection', max: 3, requested: 4 } });
    // Renewing what is already followed is not a new subscription.
    expect(await first.ack('subscribe', { fixture_ids: [fixtures[0].id] })).toMatchObject({ subscribed: { fixture_ids: fixtures.slice(0, 3).map((f) => f.id) } });

    const second = await socketFor({ user: user.user, session: `${user.session}-b` });
    expect(await second.ack('subscribe', { fixture_ids: [fixtures[3].id] })).toMatchObject({ subscribed: { fixture_ids: [fixtures[3].id] } });
    const userOver = await second.ack('subscribe', { fixture_ids: [fixtures[4].id] });
    expect(userOver.error).toMatchObject({ error_code: 'SUBSCRIPTION_LIMIT', details: { scope: 'user', max: 4, requested: 5 } });
    expect(await second.ack('unsubscribe', {})).toEqual({ subscribed: { fixture_ids: [], tournament_ids: [], open_slip: false } });
    expect(await second.ack('subscribe', { fixture_ids: [fixtures[4].id] })).toMatchObject({ subscribed: { fixture_ids: [fixtures[4].id] } });

    const ws = await sportsWs();
    ws.send({ type: 'subscribe', fixture_ids: fixtures.slice(0, 4).map((f) => f.id) });
    expect(await ws.next((f) => f.type === 'error')).toMatchObject({ error_code: 'SUBSCRIPTION_LIMIT', details: { scope: 'connection' } });
  });

  it('bad subscribe payloads get a clear error and the connection keeps working', async () => {
    const [fixture] = await distantFixtures(running, 1);
    const socket = await socketFor(fresh('bad'));
    const notList = await socket.ack('subscribe', { fixture_ids: 'all' });
    expect(notList.error).toMatchObject({ error_code: 'INVALID_MESSAGE', details: { fields: { fixture_ids: [expect.any(String)] } } });
    const unknownField = await socket.ack('subscribe', { fixtures: [fixture.id] });
    expect(unknownField.error).toMatchObject({ error_code: 'INVALID_MESSAGE', details: { fields: { fixtures: ['is not an accepted field'] } } });
    const unknownFixture = await socket.ack('subscribe', { fixture_ids: ['999999999'] });
    expect(unknownFixture.error).toMatchObject({ error_code: 'NOT_FOUND', details: { fixture_ids: ['999999999'] } });
    const notObject = await socket.ack('subscribe', 'everything');
    expect(notObject.error).toMatchObject({ error_code: 'INVALID_MESSAGE' });
    expect(await socket.ack('subscribe', { fixture_ids: [fixture.id] })).toMatchObject({ subscribed: { fixture_ids: [fixture.id] } });

    const ws = await sportsWs();
    const errors = () => ws.frames.filter((f) => f.type === 'error');
    const refused = async (frame: unknown): Promise<Frame> => {
      const before = errors().length;
      ws.send(frame);
      await eventually('an error frame', () => errors().length > before);
      return errors()[before];
    };
    expect(await refused('not json')).toMatchObject({ error_code: 'INVALID_MESSAGE' });
    expect(await refused({ type: 'subscribe', fixture_ids: [1] })).toMatchObject({ error_code: 'INVALID_MESSAGE', details: { fields: { fixture_ids: [expect.any(String)] } } });
    expect(await refused({ type: 'subscribe', competitions: ['No Such League Anywhere'] })).toMatchObject({ error_code: 'NOT_FOUND' });
    expect(await refused({ type: 'watch' })).toMatchObject({ error_code: 'INVALID_MESSAGE', details: { type: 'watch' } });
    expect(await refused({ type: 'subscribe', fixture_ids: ['x'.repeat(20_000)] })).toMatchObject({ error_code: 'MESSAGE_TOO_LONG' });
    ws.send({ type: 'ping' });
    await ws.next((f) => f.type === 'pong');
    ws.send({ type: 'subscribe', fixture_ids: [fixture.id] });
    await ws.next((f) => f.type === 'subscription_confirmed');
  });

  it('/metrics shows subscribers, polled fixtures and updates sent', async () => {
    const [fixture] = await distantFixtures(running, 1);
    const socket = await socketFor(fresh('metrics'));
    await socket.ack('subscribe', { fixture_ids: [fixture.id] });
    await morePolls([running]);
    const text = (await request(running.url).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^chatbet_live_subscribers\{transport="socketio"\} [1-9]/m);
    expect(text).toMatch(/^chatbet_live_polled_fixtures [1-9]/m);
    expect(text).toMatch(/^chatbet_live_poller_leader 1/m);
    // Earlier tests delivered updates on both transports.
    expect(text).toMatch(/^chatbet_live_updates_sent_total\{transport="socketio",event="odds_update"\} [1-9]/m);
    expect(text).toMatch(/^chatbet_live_updates_sent_total\{transport="ws",event="odds_update"\} [1-9]/m);
    socket.close();
    await eventually('the subscriber gone from the gauge', async () =>
      /^chatbet_live_subscribers\{transport="socketio"\} 0/m.test((await request(running.url).get('/metrics')).text),
    );
    await eventually('polling to stop when nobody listens', async () =>
      /^chatbet_live_polled_fixtures 0/m.test((await request(running.url).get('/metrics')).text),
    );
  });
});
