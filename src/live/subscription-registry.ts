import { SubscriptionLimitError } from '../common/errors';
import type { FixtureRef, SubscribedView } from './live.types';

export type LiveTransport = 'socketio' | 'ws';

/** A connection that follows live updates on this instance. */
export interface Subscriber {
  id: string;
  transport: LiveTransport;
  /** Known on Socket.IO (the handshake) and on the plain WebSocket when given; limits per user need it. */
  userId?: string;
  /** Socket.IO only: whose open slip `open_slip` follows. */
  sessionId?: string;
  /** Plain WebSocket only: sends one frame (Socket.IO subscribers are reached through rooms). */
  send?: (frame: object) => void;
}

export interface SubscriptionChange {
  fixtures?: FixtureRef[];
  tournamentIds?: string[];
  openSlip?: boolean;
}

export interface RegistryLimits {
  perConnection: number;
  perUser: number;
  idleMs: number;
}

interface Entry {
  subscriber: Subscriber;
  fixtures: Map<string, { ref: FixtureRef; expiresAt: number }>;
  tournaments: Map<string, number>;
  openSlipUntil?: number;
  /** The fixtures of the session's open slip, while `open_slip` is followed. */
  slip: FixtureRef[];
}

export const fixtureRoom = (fixtureId: string) => `live:fixture:${fixtureId}`;
export const tournamentRoom = (tournamentId: string) => `live:tournament:${tournamentId}`;

/**
 * The live subscriptions of this instance's connections. Bounded: a connection, and a user over
 * all their connections here, follow at most the configured number of fixtures plus tournaments
 * (the open slip counts as one); a subscription not renewed within `idleMs` is dropped by sweep().
 * Other instances learn what to poll through the cluster's watch list, fed from watched().
 */
export class SubscriptionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limits: RegistryLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds (or renews) subscriptions; refuses the whole change when it would pass a limit. */
  subscribe(subscriber: Subscriber, change: SubscriptionChange): SubscribedView {
    const entry: Entry = this.entries.get(subscriber.id) ?? { subscriber, fixtures: new Map(), tournaments: new Map(), slip: [] };
    const newFixtures = new Set((change.fixtures ?? []).map((f) => f.fixtureId).filter((id) => !entry.fixtures.has(id)));
    const newTournaments = new Set((change.tournamentIds ?? []).filter((id) => !entry.tournaments.has(id)));
    const newSlip = change.openSlip === true && entry.openSlipUntil === undefined ? 1 : 0;
    const before = countOf(entry);
    const after = before + newFixtures.size + newTournaments.size + newSlip;
    if (after > this.limits.perConnection) throw new SubscriptionLimitError('connection', this.limits.perConnection, after);
    if (subscriber.userId !== undefined && after > before) {
      const ofUser = this.userTotal(subscriber.userId) - (this.entries.has(subscriber.id) ? before : 0) + after;
      if (ofUser > this.limits.perUser) throw new SubscriptionLimitError('user', this.limits.perUser, ofUser);
    }
    const expiresAt = this.now() + this.limits.idleMs;
    for (const ref of change.fixtures ?? []) entry.fixtures.set(ref.fixtureId, { ref, expiresAt });
    for (const id of change.tournamentIds ?? []) entry.tournaments.set(id, expiresAt);
    if (change.openSlip === true) entry.openSlipUntil = expiresAt;
    this.entries.set(subscriber.id, entry);
    this.dropIfEmpty(entry); // an empty subscribe only asks what is followed
    return viewOf(entry);
  }

  /** Removes the named subscriptions; an empty change removes everything. What remains. */
  unsubscribe(subscriberId: string, change: { fixtureIds?: string[]; tournamentIds?: string[]; openSlip?: boolean }): SubscribedView {
    const entry = this.entries.get(subscriberId);
    if (!entry) return { fixture_ids: [], tournament_ids: [], open_slip: false };
    const everything = !change.fixtureIds?.length && !change.tournamentIds?.length && change.openSlip === undefined;
    if (everything) {
      this.entries.delete(subscriberId);
      return { fixture_ids: [], tournament_ids: [], open_slip: false };
    }
    for (const id of change.fixtureIds ?? []) entry.fixtures.delete(id);
    for (const id of change.tournamentIds ?? []) entry.tournaments.delete(id);
    if (change.openSlip === true) {
      entry.openSlipUntil = undefined;
      entry.slip = [];
    }
    this.dropIfEmpty(entry);
    return viewOf(entry);
  }

  /** The connection closed. */
  remove(subscriberId: string): void {
    this.entries.delete(subscriberId);
  }

  /** Drops subscriptions idle past their time; the subscribers whose subscriptions changed. */
  sweep(): Subscriber[] {
    const now = this.now();
    const changed: Subscriber[] = [];
    for (const entry of [...this.entries.values()]) {
      const size = countOf(entry);
      for (const [id, { expiresAt }] of entry.fixtures) if (expiresAt <= now) entry.fixtures.delete(id);
      for (const [id, expiresAt] of entry.tournaments) if (expiresAt <= now) entry.tournaments.delete(id);
      if (entry.openSlipUntil !== undefined && entry.openSlipUntil <= now) {
        entry.openSlipUntil = undefined;
        entry.slip = [];
      }
      if (countOf(entry) !== size) changed.push(entry.subscriber);
      this.dropIfEmpty(entry);
    }
    return changed;
  }

  /** Records the fixtures of the subscriber's open slip (none when it has no open slip). */
  setSlip(subscriberId: string, fixtures: FixtureRef[]): void {
    const entry = this.entries.get(subscriberId);
    if (entry?.openSlipUntil !== undefined) entry.slip = fixtures;
  }

  /** Subscribers following their open slip; with a fixture, only those whose slip has it. */
  slipFollowers(fixtureId?: string): Subscriber[] {
    return [...this.entries.values()]
      .filter((e) => e.openSlipUntil !== undefined && (fixtureId === undefined || e.slip.some((ref) => ref.fixtureId === fixtureId)))
      .map((e) => e.subscriber);
  }

  /** What this instance's subscribers want polled. */
  watched(): { fixtures: FixtureRef[]; tournamentIds: string[] } {
    const fixtures = new Map<string, FixtureRef>();
    const tournamentIds = new Set<string>();
    for (const entry of this.entries.values()) {
      for (const { ref } of entry.fixtures.values()) fixtures.set(ref.fixtureId, ref);
      for (const ref of entry.slip) fixtures.set(ref.fixtureId, ref);
      for (const id of entry.tournaments.keys()) tournamentIds.add(id);
    }
    return { fixtures: [...fixtures.values()], tournamentIds: [...tournamentIds] };
  }

  /** The subscribers an update of this fixture is for, each once. */
  recipients(fixture: FixtureRef, transport?: LiveTransport): Subscriber[] {
    const found: Subscriber[] = [];
    for (const entry of this.entries.values()) {
      if (transport && entry.subscriber.transport !== transport) continue;
      if (
        entry.fixtures.has(fixture.fixtureId) ||
        entry.tournaments.has(fixture.tournamentId) ||
        entry.slip.some((ref) => ref.fixtureId === fixture.fixtureId)
      )
        found.push(entry.subscriber);
    }
    return found;
  }

  /** The Socket.IO rooms the subscriber belongs in: its fixtures (slip included) and tournaments. */
  rooms(subscriberId: string): Set<string> {
    const entry = this.entries.get(subscriberId);
    const rooms = new Set<string>();
    if (!entry) return rooms;
    for (const id of entry.fixtures.keys()) rooms.add(fixtureRoom(id));
    for (const ref of entry.slip) rooms.add(fixtureRoom(ref.fixtureId));
    for (const id of entry.tournaments.keys()) rooms.add(tournamentRoom(id));
    return rooms;
  }

  view(subscriberId: string): SubscribedView {
    const entry = this.entries.get(subscriberId);
    return entry ? viewOf(entry) : { fixture_ids: [], tournament_ids: [], open_slip: false };
  }

  /** Connections with at least one subscription, by transport. */
  subscriberCounts(): Record<LiveTransport, number> {
    const counts: Record<LiveTransport, number> = { socketio: 0, ws: 0 };
    for (const entry of this.entries.values()) counts[entry.subscriber.transport] += 1;
    return counts;
  }

  private userTotal(userId: string): number {
    let total = 0;
    for (const entry of this.entries.values()) if (entry.subscriber.userId === userId) total += countOf(entry);
    return total;
  }

  private dropIfEmpty(entry: Entry): void {
    if (countOf(entry) === 0) this.entries.delete(entry.subscriber.id);
  }
}

function countOf(entry: Entry): number {
  return entry.fixtures.size + entry.tournaments.size + (entry.openSlipUntil !== undefined ? 1 : 0);
}

function viewOf(entry: Entry): SubscribedView {
  return {
    fixture_ids: [...entry.fixtures.keys()],
    tournament_ids: [...entry.tournaments.keys()],
    open_slip: entry.openSlipUntil !== undefined,
  };
}
