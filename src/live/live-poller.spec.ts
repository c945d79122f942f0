import { Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import type { Fixture, Odds } from '../sports-api/domain';
import type { FixtureQuery, SportsQueries } from '../sports-api/sports-queries.service';
import { PollerLease, type Watched, WatchList } from './live-cluster';
import type { LiveFanout } from './live-fanout';
import { LivePoller } from './live-poller';
import type { LiveBatch } from './live.types';

/** A lease whose holder the test decides, recording releases. */
class ScriptedLease extends PollerLease {
  held = true;
  released = 0;
  async hold(): Promise<boolean> {
    return this.held;
  }
  async release(): Promise<void> {
    this.released += 1;
  }
}

class FixedWatchList extends WatchList {
  watched: Watched = { fixtures: [], tournamentIds: [] };
  async add(): Promise<void> {}
  async all(): Promise<Watched> {
    return this.watched;
  }
}

/** SportsQueries as the poller uses it: odds by fixture (home price settable), live listings, tournament fixtures. */
class FakeQueries {
  homeOdd = new Map<string, number>();
  live = new Set<string>();
  reads: string[] = [];
  async odds(fixture: { id: string; sportId: string; tournamentId: string }): Promise<{ data: Odds; stale: boolean }> {
    this.reads.push(fixture.id);
    const home = this.homeOdd.get(fixture.id) ?? 2;
    return {
      data: {
        fixtureId: fixture.id,
        sportId: fixture.sportId,
        tournamentId: fixture.tournamentId,
        active: true,
        markets: [{ key: 'result', selections: [{ outcome: 'home', name: 'Home', odd: home, betId: `${fixture.id}-h` }] }],
      },
      stale: false,
    };
  }
  async fixtures(query: FixtureQuery): Promise<{ data: Fixture[]; stale: boolean }> {
    const all: Fixture[] = ['f1', 'f2'].map((id) => ({
      id,
      sportId: '1',
      tournamentId: 't1',
      tournamentName: 'T',
      homeTeam: 'A',
      awayTeam: 'B',
      startTime: new Date(Date.now() + 3_600_000),
      type: 'pre_match',
    }));
    return { data: query.live ? all.filter((f) => this.live.has(f.id)) : all, stale: false };
  }
}

const fixture = (id: string) => ({ fixtureId: id, tournamentId: 't1', sportId: '1' });
const config = { pollIntervalMs: 0, maxPerConnection: 10, maxPerUser: 10, idleMs: 60_000, leaseTtlMs: 3000 };

describe('LivePoller', () => {
  let lease: ScriptedLease;
  let watch: FixedWatchList;
  let queries: FakeQueries;
  let published: LiveBatch[];
  let metrics: MetricsService;
  let poller: LivePoller;
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    lease = new ScriptedLease();
    watch = new FixedWatchList();
    queries = new FakeQueries();
    published = [];
    metrics = new MetricsService();
    const fanout = { publish: async (batch: LiveBatch) => void published.push(batch) } as unknown as LiveFanout;
    poller = new LivePoller(lease, watch, queries as unknown as SportsQueries, fanout, metrics, config);
  });
  afterEach(() => poller.onModuleDestroy());

  it('reads nothing while nobody follows anything', async () => {
    await poller.tick();
    await poller.tick();
    expect(queries.reads).toEqual([]);
    expect((await metrics.livePolledFixtures.get()).values[0].value).toBe(0);
  });

  it('polls only while it holds the lease, publishing each move once', async () => {
    watch.watched = { fixtures: [fixture('f1')], tournamentIds: [] };
    await poller.tick(); // baseline
    queries.homeOdd.set('f1', 2.2);
    await poller.tick();
    await poller.tick(); // same price again: nothing new
    expect(published.map((b) => b.odds.map((o) => [o.match_id, o.old_odds, o.new_odds]))).toEqual([[['f1', 2, 2.2]]]);
    expect(poller.isLeader).toBe(true);

    lease.held = false;
    const readsBefore = queries.reads.length;
    queries.homeOdd.set('f1', 2.5);
    await poller.tick();
    expect(queries.reads.length).toBe(readsBefore);
    expect(poller.isLeader).toBe(false);
    expect((await metrics.livePollerLeader.get()).values[0].value).toBe(0);
  });

  it('starts from a fresh baseline when it takes the lease back, so a move seen by another poller is not sent twice', async () => {
    watch.watched = { fixtures: [fixture('f1')], tournamentIds: [] };
    await poller.tick();
    lease.held = false;
    await poller.tick();
    queries.homeOdd.set('f1', 2.4); // the other poller published this move
    lease.held = true;
    await poller.tick();
    expect(published).toEqual([]);
  });

  it('follows a tournament’s fixtures and reports a match going live', async () => {
    watch.watched = { fixtures: [], tournamentIds: ['t1'] };
    await poller.tick();
    expect(new Set(queries.reads)).toEqual(new Set(['f1', 'f2']));
    queries.live.add('f2');
    await poller.tick();
    expect(published.flatMap((b) => b.match.map((m) => [m.match_id, m.event_type]))).toEqual([['f2', 'match_start']]);
  });

  it('gives the lease up at shutdown, and only if it held it', async () => {
    await poller.tick();
    await poller.onModuleDestroy();
    expect(lease.released).toBe(1);
    const other = new ScriptedLease();
    other.held = false;
    const follower = new LivePoller(other, watch, queries as unknown as SportsQueries, { publish: async () => undefined } as unknown as LiveFanout, metrics, config);
    await follower.tick();
    await follower.onModuleDestroy();
    expect(other.released).toBe(0);
  });
});
