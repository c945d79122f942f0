import { createClient, type RedisClientType } from 'redis';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import { RedisPollerLease } from '../src/live/live-cluster';
import { startApp, type RunningApp } from './support/app';
import { connectSocket, connectWs, type RecordedSocket, type RecordedWs } from './support/fakes/socket-clients';
import { distantFixtures, eventually, homeWin, isHomeMove, leaderOf, morePolls, nextEvent, pollsOf, socketEvents, wsFrames } from './support/live';
import { freshRedisDb } from './support/redis';
import { movePrice, waitForCatalogue } from './support/slip-app';

/** The poller lease on a real redis-server: one holder, renewals, takeover once the holder stops renewing. */
describe('RedisPollerLease on a real Redis', () => {
  let client: RedisClientType;
  beforeAll(async () => {
    client = createClient({ url: await freshRedisDb() });
    await client.connect();
  });
  afterAll(() => client?.close());

  it('has one holder; another instance takes over only when the holder stops renewing, and the old holder then cannot renew', async () => {
    const key = 'test:live:lease';
    const a = new RedisPollerLease(client, 'instance-a', 300, 1000, key);
    const b = new RedisPollerLease(client, 'instance-b', 300, 1000, key);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(await a.hold()).toBe(true); // renewed
    expect(await client.get(key)).toBe('instance-a');
    // a dies: it stops renewing, so its key runs out and b takes the lease.
    await eventually('b to take the lease', () => b.hold(), 5000);
    expect(await client.get(key)).toBe('instance-b');
    expect(await a.hold()).toBe(false);
    await a.release(); // not the holder: changes nothing
    expect(await client.get(key)).toBe('instance-b');
    await b.release();
    expect(await client.get(key)).toBeNull();
  });
});

/** Two app instances on one Redis and one simulator: one poller, every subscriber on both served once, handover when the poller dies. */
describe('live updates across two app instances on a real Redis', () => {
  let sim: RunningSimulator;
  let apps: RunningApp[];
  const open: Array<RecordedSocket | RecordedWs> = [];
  beforeAll(async () => {
    const url = await freshRedisDb();
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
    const env = {
      REDIS_URL: url,
      CHATBET_API_BASE_URL: sim.url,
      LIVE_POLL_INTERVAL_MS: '100',
      CACHE_TTL_ODDS: '1',
      // Long enough that a tick slowed by a loaded CI machine does not hand the lease over mid-test
      // (a new poller starts from the prices it first sees, so a move during a handover is missed).
      LIVE_LEASE_TTL_MS: '3000',
    };
    apps = [await startApp(env), await startApp(env)];
    await Promise.all(apps.map((app) => waitForCatalogue(app)));
  }, 60_000);
  afterAll(async () => {
    for (const client of open) client.close();
    for (const app of apps ?? []) await app.close().catch(() => undefined);
    await sim?.close();
  });

  const subscribers = async (app: RunningApp, fixtureId: string, label: string) => {
    const socket = await connectSocket(app.url, { user_id: `rt-${label}`, session_id: `rt-${label}-s` });
    const ws = await connectWs(app.url, '/ws/sports-updates');
    open.push(socket, ws);
    expect(await socket.ack('subscribe', { fixture_ids: [fixtureId] })).toMatchObject({ subscribed: { fixture_ids: [fixtureId] } });
    ws.send({ type: 'subscribe', fixture_ids: [fixtureId] });
    await ws.next((f) => f.type === 'subscription_confirmed');
    return { socket, ws };
  };

  it('exactly one instance polls; a move reaches every subscriber on both instances once; the poller’s death hands the lease over', async () => {
    await eventually('one poller in the cluster', async () => (await Promise.all(apps.map(leaderOf))).reduce((a, b) => a + b, 0) === 1);
    const leaders = await Promise.all(apps.map(leaderOf));
    const leader = apps[leaders.indexOf(1)];
    const follower = apps[leaders.indexOf(0)];

    const [fixture] = await distantFixtures(follower, 1);
    const onLeader = await subscribers(leader, fixture.id, 'leader');
    const onFollower = await subscribers(follower, fixture.id, 'follower');
    await morePolls(apps);
    const newOdd = await movePrice(follower, await homeWin(follower, fixture));
    const moved = isHomeMove(fixture.id, newOdd);
    for (const { socket, ws } of [onLeader, onFollower]) {
      await nextEvent(socket, 'odds_update', moved);
      await ws.next(moved);
    }
    await morePolls(apps, 3);
    for (const { socket, ws } of [onLeader, onFollower]) {
      expect(socketEvents(socket, 'odds_update').filter(moved)).toHaveLength(1);
      expect(wsFrames(ws, moved)).toHaveLength(1);
    }
    expect(await pollsOf(follower)).toBe(0);
    expect(await leaderOf(follower)).toBe(0);

    // The poller goes away: the other instance takes the lease and its subscribers keep hearing moves.
    await leader.close();
    apps = [follower];
    await eventually('the survivor to take the lease', async () => (await leaderOf(follower)) === 1);
    await morePolls([follower]);
    const after = await homeWin(follower, fixture);
    const laterOdd = await movePrice(follower, after);
    const movedAgain = isHomeMove(fixture.id, laterOdd);
    await nextEvent(onFollower.socket, 'odds_update', (e) => movedAgain(e) && e.old_odds === after.odd);
    await onFollower.ws.next((f) => movedAgain(f) && f.old_odds === after.odd);
  });
});
