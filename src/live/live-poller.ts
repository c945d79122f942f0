import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { liveConfig } from '../config/configuration';
import { MetricsService } from '../metrics/metrics.service';
import { SportsQueries } from '../sports-api/sports-queries.service';
import { diffFixture, type FixtureSnapshot, snapshotOf } from './live-differ';
import { PollerLease, WatchList } from './live-cluster';
import { LiveFanout } from './live-fanout';
import type { FixtureRef } from './live.types';

/** A tournament subscription follows its fixtures that are live or kick off within this window. */
export const TOURNAMENT_WINDOW_MS = 48 * 60 * 60 * 1000;
/** Odds read at once per poll: enough to finish fast, few enough not to burst the sports API. */
const POLL_CONCURRENCY = 8;

/**
 * The cluster's one poller. The sports API has no push, so what subscribers hear comes from
 * reading the followed fixtures' odds and live listings through the cache, at the odds TTL (a
 * faster poll would read the same cached value), and diffing them with the previous read. Every
 * instance ticks; only the lease holder polls, and nothing is read while nobody follows anything.
 */
@Injectable()
export class LivePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LivePoller.name);
  private readonly snapshots = new Map<string, FixtureSnapshot>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private lastPollAt = 0;
  private holding = false;
  private stopped = false;
  private leaseError?: string;

  constructor(
    private readonly lease: PollerLease,
    private readonly watchList: WatchList,
    private readonly queries: SportsQueries,
    private readonly fanout: LiveFanout,
    private readonly metrics: MetricsService,
    @Inject(liveConfig.KEY) private readonly config: ConfigType<typeof liveConfig>,
  ) {}

  get isLeader(): boolean {
    return this.holding;
  }

  onApplicationBootstrap(): void {
    // The lease is renewed at a third of its TTL, so a holder that misses one tick keeps it.
    const period = Math.max(50, Math.min(this.config.pollIntervalMs, Math.floor(this.config.leaseTtlMs / 3)));
    this.timer = setInterval(() => void this.tick(), period);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    if (this.holding) await this.lease.release().catch(() => undefined);
    this.holding = false;
    this.metrics.livePollerLeader.set(0);
  }

  /** One tick: hold the lease, and poll when the interval has passed. Never runs twice at once. */
  tick(): Promise<void> {
    if (this.ticking || this.stopped) return this.ticking ?? Promise.resolve();
    this.ticking = this.run().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async run(): Promise<void> {
    const held = await this.lease.hold().then(
      (answer) => {
        this.leaseError = undefined;
        return answer;
      },
      (error: Error) => {
        // Every tick fails the same way while Redis is down: say it once.
        if (this.leaseError !== error.message) this.logger.warn(`live poller lease unavailable: ${error.message}`);
        this.leaseError = error.message;
        return false;
      },
    );
    if (held !== this.holding) this.logger.log(held ? 'this instance now polls live updates' : 'this instance no longer polls live updates');
    this.holding = held;
    this.metrics.livePollerLeader.set(held ? 1 : 0);
    if (!held) {
      // Another instance polls; if this one takes over later it starts from a fresh baseline.
      this.snapshots.clear();
      this.metrics.livePolledFixtures.set(0);
      return;
    }
    if (Date.now() - this.lastPollAt < this.config.pollIntervalMs) return;
    this.lastPollAt = Date.now();
    await this.poll().catch((error: Error) => this.logger.warn(`live poll failed: ${error.message}`));
  }

  /** Reads every followed fixture once and publishes what changed. */
  async poll(): Promise<void> {
    const fixtures = await this.followedFixtures();
    this.metrics.livePolls.inc();
    this.metrics.livePolledFixtures.set(fixtures.length);
    const followed = new Set(fixtures.map((f) => f.fixtureId));
    for (const id of this.snapshots.keys()) if (!followed.has(id)) this.snapshots.delete(id);
    if (fixtures.length === 0) return;
    const liveByTournament = await this.liveListings([...new Set(fixtures.map((f) => f.tournamentId))]);
    for (let i = 0; i < fixtures.length; i += POLL_CONCURRENCY) {
      await Promise.all(fixtures.slice(i, i + POLL_CONCURRENCY).map((f) => this.pollFixture(f, liveByTournament.get(f.tournamentId))));
    }
  }

  private async pollFixture(fixture: FixtureRef, liveIds: Set<string> | undefined): Promise<void> {
    let snapshot: FixtureSnapshot;
    try {
      const { data } = await this.queries.odds({ id: fixture.fixtureId, sportId: fixture.sportId, tournamentId: fixture.tournamentId });
      snapshot = snapshotOf(data, liveIds ? liveIds.has(fixture.fixtureId) : undefined);
    } catch {
      return; // the sports API is down: keep the last snapshot and try again next poll
    }
    const batch = diffFixture(fixture, this.snapshots.get(fixture.fixtureId), snapshot, new Date());
    this.snapshots.set(fixture.fixtureId, snapshot);
    if (batch.odds.length > 0 || batch.match.length > 0) await this.fanout.publish(batch);
  }

  /** The fixtures followed in the cluster: by id, and those of followed tournaments. */
  private async followedFixtures(): Promise<FixtureRef[]> {
    const watched = await this.watchList.all();
    const refs = new Map(watched.fixtures.map((f) => [f.fixtureId, f]));
    for (const tournamentId of watched.tournamentIds) {
      try {
        const until = new Date(Date.now() + TOURNAMENT_WINDOW_MS);
        const [upcoming, live] = await Promise.all([
          this.queries.fixtures({ tournamentId, to: until }),
          this.queries.fixtures({ tournamentId, live: true }),
        ]);
        for (const f of [...live.data, ...upcoming.data]) refs.set(f.id, { fixtureId: f.id, tournamentId: f.tournamentId, sportId: f.sportId });
      } catch {
        // that tournament's listing is unavailable this poll
      }
    }
    return [...refs.values()];
  }

  /** Which fixtures of each tournament are live now; a listing that cannot be read is left out. */
  private async liveListings(tournamentIds: string[]): Promise<Map<string, Set<string>>> {
    const listings = new Map<string, Set<string>>();
    await Promise.all(
      tournamentIds.map(async (tournamentId) => {
        try {
          const { data } = await this.queries.fixtures({ tournamentId, live: true });
          listings.set(tournamentId, new Set(data.map((f) => f.id)));
        } catch {
          // unknown live state: no start or end is inferred this poll
        }
      }),
    );
    return listings;
  }
}
