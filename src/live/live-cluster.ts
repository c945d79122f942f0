import type { RedisClientType } from 'redis';
import { storeKey } from '../cache/cache-namespaces';
import { withTimeout } from '../common/timeout';
import { type FixtureRef, parseRefKey, refKey } from './live.types';

/** Redis keys of live updates, under the app's versioned prefix. */
export const liveKeys = {
  lease: storeKey('live', 'poller', 'lease'),
  watch: storeKey('live', 'watch'),
  updates: storeKey('live', 'updates'),
};

/**
 * The right to poll. With Redis one instance of the cluster holds it at a time: a key with a TTL,
 * renewed by its holder at each tick and free for another instance to take once the holder stops
 * renewing (it died, or hangs past the TTL). Without Redis the process is its own cluster.
 */
export abstract class PollerLease {
  /** Takes the lease when it is free, renews it when this instance holds it; true while held. */
  abstract hold(): Promise<boolean>;
  /** Gives the lease up at shutdown, so another instance takes over at its next tick. */
  abstract release(): Promise<void>;
}

export class LocalPollerLease extends PollerLease {
  async hold(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}

const HOLD = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisPollerLease extends PollerLease {
  constructor(
    private readonly client: RedisClientType,
    /** Unique per process: only the holder renews or releases. */
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
    private readonly key: string = liveKeys.lease,
  ) {
    super();
  }

  async hold(): Promise<boolean> {
    const held = await withTimeout(
      this.client.eval(HOLD, { keys: [this.key], arguments: [this.owner, String(this.ttlMs)] }),
      this.timeoutMs,
      'live lease',
    );
    return held === 1;
  }

  async release(): Promise<void> {
    await withTimeout(this.client.eval(RELEASE, { keys: [this.key], arguments: [this.owner] }), this.timeoutMs, 'live lease release');
  }
}

/**
 * The fixtures and tournaments someone in the cluster follows. Each instance adds its own
 * subscribers' with an expiry a few refreshes ahead and refreshes them while they last, so an
 * instance that dies stops costing polls soon after; the poller reads the whole list.
 */
export abstract class WatchList {
  abstract add(watched: Watched, untilMs: number): Promise<void>;
  abstract all(): Promise<Watched>;
}

export interface Watched {
  fixtures: FixtureRef[];
  tournamentIds: string[];
}

/** Without Redis the only subscribers are this process's, read straight from its registry. */
export class LocalWatchList extends WatchList {
  constructor(private readonly local: () => Watched) {
    super();
  }
  async add(): Promise<void> {}
  async all(): Promise<Watched> {
    return this.local();
  }
}

const TOURNAMENT = 't|';

/** A sorted set of member → expiry (ms): fixtures as `sport|tournament|fixture`, tournaments as `t|id`. */
export class RedisWatchList extends WatchList {
  constructor(
    private readonly client: RedisClientType,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
    private readonly key: string = liveKeys.watch,
  ) {
    super();
  }

  async add(watched: Watched, untilMs: number): Promise<void> {
    const members = [
      ...watched.fixtures.map((ref) => ({ score: untilMs, value: refKey(ref) })),
      ...watched.tournamentIds.map((id) => ({ score: untilMs, value: `${TOURNAMENT}${id}` })),
    ];
    if (members.length === 0) return;
    // GT still adds new members, and never shortens an expiry another instance set further out.
    await withTimeout(this.client.zAdd(this.key, members, { comparison: 'GT' }), this.timeoutMs, 'live watch list');
  }

  async all(): Promise<Watched> {
    const now = this.now();
    const members = await withTimeout(
      this.client.zRemRangeByScore(this.key, '-inf', now).then(() => this.client.zRange(this.key, 0, -1)),
      this.timeoutMs,
      'live watch list',
    );
    const watched: Watched = { fixtures: [], tournamentIds: [] };
    for (const member of members) {
      if (member.startsWith(TOURNAMENT)) watched.tournamentIds.push(member.slice(TOURNAMENT.length));
      else {
        const ref = parseRefKey(member);
        if (ref) watched.fixtures.push(ref);
      }
    }
    return watched;
  }
}
