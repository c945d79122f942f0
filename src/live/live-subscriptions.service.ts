import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Namespace, Socket } from 'socket.io';
import { BetProposalStore } from '../chat/state/bet-proposal.store';
import { DomainError } from '../common/errors';
import { foldName } from '../common/text';
import { liveConfig } from '../config/configuration';
import { parsePayload } from '../gateway/parse-payload';
import { MetricsService } from '../metrics/metrics.service';
import { SportsQueries } from '../sports-api/sports-queries.service';
import { WatchList } from './live-cluster';
import { LiveFanout } from './live-fanout';
import { SubscribePayload } from './live-payloads';
import type { FixtureRef, LiveBatch, SubscribedView } from './live.types';
import { fixtureRoom, type Subscriber, SubscriptionRegistry, tournamentRoom } from './subscription-registry';
import { SlipAlerts, slipFixtures } from './slip-alerts';

/** A chat socket as the live code needs it (the gateway's typed socket fits). */
type ChatSocketLike = Pick<Socket, 'id' | 'rooms' | 'join' | 'leave'> & { data: { userId: string; sessionId: string } };

/** How many refresh periods ahead this instance's watch-list entries expire (a dead instance's go soon after). */
const WATCH_PERIODS = 3;

/**
 * Live subscriptions of this instance's connections, for both transports: resolves what a client
 * asks to follow against the sports data, keeps the registry (limits, idle expiry), puts Socket.IO
 * sockets in their rooms, tells the cluster what to poll, and hands each published batch to the
 * plain WebSocket subscribers and the slip alerts of this instance.
 */
@Injectable()
export class LiveSubscriptions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveSubscriptions.name);
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private watchError?: string;

  constructor(
    readonly registry: SubscriptionRegistry,
    private readonly queries: SportsQueries,
    private readonly watchList: WatchList,
    private readonly fanout: LiveFanout,
    private readonly slips: SlipAlerts,
    private readonly proposals: BetProposalStore,
    private readonly metrics: MetricsService,
    @Inject(liveConfig.KEY) private readonly config: ConfigType<typeof liveConfig>,
  ) {
    fanout.onBatch((batch) => this.deliver(batch));
  }

  private get refreshMs(): number {
    return Math.max(50, Math.min(this.config.pollIntervalMs, Math.floor(this.config.leaseTtlMs / 3)));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
  }

  /** The Socket.IO `/chat` namespace, from its gateway. */
  attach(namespace: Namespace): void {
    this.fanout.useNamespace(namespace);
  }

  // ------------------------------------------------------------ Socket.IO (protocol.md §3)

  async subscribeSocket(socket: ChatSocketLike, payload: unknown): Promise<{ subscribed: SubscribedView }> {
    const request = parsePayload(SubscribePayload, payload ?? {});
    const subscriber: Subscriber = { id: socket.id, transport: 'socketio', userId: socket.data.userId, sessionId: socket.data.sessionId };
    const [fixtures, tournamentIds] = await Promise.all([this.resolveFixtures(request.fixture_ids), this.resolveTournaments(request.tournament_ids)]);
    const subscribed = this.registry.subscribe(subscriber, { fixtures, tournamentIds, openSlip: request.open_slip === true ? true : undefined });
    if (request.open_slip === true) await this.followSlip(subscriber);
    await this.syncRooms(socket);
    await this.announce();
    return { subscribed };
  }

  async unsubscribeSocket(socket: ChatSocketLike, payload: unknown): Promise<{ subscribed: SubscribedView }> {
    const request = parsePayload(SubscribePayload, payload ?? {});
    const subscribed = this.registry.unsubscribe(socket.id, {
      fixtureIds: request.fixture_ids,
      tournamentIds: request.tournament_ids,
      openSlip: request.open_slip === true ? true : undefined,
    });
    await this.syncRooms(socket);
    this.countSubscribers();
    return { subscribed };
  }

  // ------------------------------------------------------------ plain WebSocket (/ws/sports-updates)

  async subscribe(subscriber: Subscriber, request: { fixtureIds?: string[]; tournaments?: string[] }): Promise<SubscribedView> {
    const [fixtures, tournamentIds] = await Promise.all([this.resolveFixtures(request.fixtureIds), this.resolveTournaments(request.tournaments)]);
    const subscribed = this.registry.subscribe(subscriber, { fixtures, tournamentIds });
    await this.announce();
    return subscribed;
  }

  async unsubscribe(subscriberId: string, request: { fixtureIds?: string[]; tournaments?: string[] }): Promise<SubscribedView> {
    const tournamentIds = request.tournaments?.length ? await this.resolveTournaments(request.tournaments) : undefined;
    const subscribed = this.registry.unsubscribe(subscriberId, { fixtureIds: request.fixtureIds, tournamentIds });
    this.countSubscribers();
    return subscribed;
  }

  /** The connection closed (either transport). */
  forget(subscriberId: string): void {
    this.registry.remove(subscriberId);
    this.countSubscribers();
  }

  // ------------------------------------------------------------ internals

  /** Fixture ids as the sports data knows them (upcoming or live); unknown ids refuse the request. */
  private async resolveFixtures(ids: string[] | undefined): Promise<FixtureRef[]> {
    if (!ids?.length) return [];
    const [upcoming, live] = await Promise.all([this.queries.fixtures({}), this.queries.fixtures({ live: true })]);
    const known = new Map([...upcoming.data, ...live.data].map((f) => [f.id, f]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new DomainError('NOT_FOUND', 'No upcoming or live fixture has these ids.', { fixture_ids: unknown });
    return ids.map((id) => {
      const f = known.get(id)!;
      return { fixtureId: f.id, tournamentId: f.tournamentId, sportId: f.sportId };
    });
  }

  /** Tournament ids, or names as the catalogue spells them (the original backend's `competitions`). */
  private async resolveTournaments(entries: string[] | undefined): Promise<string[]> {
    if (!entries?.length) return [];
    const { data } = await this.queries.tournaments('en');
    const byId = new Set(data.map((t) => t.id));
    const byName = new Map(data.map((t) => [foldName(t.name), t.id]));
    const unknown: string[] = [];
    const ids = entries.map((entry) => {
      const id = byId.has(entry) ? entry : byName.get(foldName(entry));
      if (!id) unknown.push(entry);
      return id ?? '';
    });
    if (unknown.length > 0) throw new DomainError('NOT_FOUND', 'No tournament has these ids or names.', { tournament_ids: unknown });
    return [...new Set(ids)];
  }

  private async followSlip(subscriber: Subscriber): Promise<void> {
    if (!subscriber.sessionId) return;
    const stored = await this.proposals.openSlip(subscriber.sessionId).catch(() => undefined);
    this.registry.setSlip(subscriber.id, stored ? slipFixtures(stored.proposal.selections) : []);
  }

  /** Puts the socket in exactly the live rooms its subscriptions (and open slip) call for. */
  private async syncRooms(socket: ChatSocketLike): Promise<void> {
    const wanted = this.registry.rooms(socket.id);
    for (const room of [...socket.rooms]) if (room.startsWith('live:') && !wanted.has(room)) await socket.leave(room);
    for (const room of wanted) if (!socket.rooms.has(room)) await socket.join(room);
  }

  /** Tells the cluster what this instance's subscribers follow, for the next few refresh periods. */
  private async announce(): Promise<void> {
    this.countSubscribers();
    await this.watchList.add(this.registry.watched(), Date.now() + WATCH_PERIODS * this.refreshMs).then(
      () => (this.watchError = undefined),
      (error: Error) => {
        // Every refresh fails the same way while Redis is down: say it once.
        if (this.watchError !== error.message) this.logger.warn(`live watch list not updated: ${error.message}`);
        this.watchError = error.message;
      },
    );
  }

  /** Periodic: drop idle subscriptions, follow slips that changed, renew this instance's watch-list entries. */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.refreshing = this.runRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async runRefresh(): Promise<void> {
    const namespace = this.fanout.chatNamespace;
    const changed = this.registry.sweep();
    const followers = this.registry.slipFollowers();
    await Promise.all(followers.map((f) => this.followSlip(f)));
    for (const subscriber of new Set([...changed, ...followers])) {
      const socket = subscriber.transport === 'socketio' ? namespace?.sockets.get(subscriber.id) : undefined;
      if (socket) await this.syncRooms(socket);
    }
    await this.announce();
  }

  private countSubscribers(): void {
    const counts = this.registry.subscriberCounts();
    this.metrics.liveSubscribers.set({ transport: 'socketio' }, counts.socketio);
    this.metrics.liveSubscribers.set({ transport: 'ws' }, counts.ws);
  }

  /** A batch published anywhere in the cluster: this instance's plain WebSocket subscribers and slip alerts. */
  private deliver(batch: LiveBatch): void {
    const frames = [...batch.match, ...batch.odds];
    for (const subscriber of this.registry.recipients(batch.fixture, 'ws')) {
      for (const frame of frames) {
        subscriber.send?.(frame);
        this.metrics.liveUpdatesSent.inc({ transport: 'ws', event: frame.type });
      }
    }
    // Socket.IO sockets here got the same events through the adapter; count them once each.
    const namespace = this.fanout.chatNamespace;
    const rooms = namespace?.adapter.rooms;
    if (rooms) {
      const sockets = new Set([...(rooms.get(fixtureRoom(batch.fixture.fixtureId)) ?? []), ...(rooms.get(tournamentRoom(batch.fixture.tournamentId)) ?? [])]);
      if (batch.match.length) this.metrics.liveUpdatesSent.inc({ transport: 'socketio', event: 'match_update' }, sockets.size * batch.match.length);
      if (batch.odds.length) this.metrics.liveUpdatesSent.inc({ transport: 'socketio', event: 'odds_update' }, sockets.size * batch.odds.length);
    }
    if (batch.odds.length === 0) return;
    for (const subscriber of this.registry.slipFollowers(batch.fixture.fixtureId)) void this.slips.check(subscriber, batch, namespace);
  }
}
