import { DomainError } from '../common/errors';
import type { FixtureRef } from './live.types';
import { fixtureRoom, type Subscriber, SubscriptionRegistry, tournamentRoom } from './subscription-registry';

const ref = (fixtureId: string, tournamentId = 't1'): FixtureRef => ({ fixtureId, tournamentId, sportId: '1' });
const io = (id: string, userId = 'u1', sessionId = `s-${id}`): Subscriber => ({ id, transport: 'socketio', userId, sessionId });
const ws = (id: string): Subscriber => ({ id, transport: 'ws', send: () => undefined });

function limitError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a SUBSCRIPTION_LIMIT refusal');
}

describe('SubscriptionRegistry', () => {
  let now = 1_000_000;
  let registry: SubscriptionRegistry;
  beforeEach(() => {
    now = 1_000_000;
    registry = new SubscriptionRegistry({ perConnection: 3, perUser: 4, idleMs: 60_000 }, () => now);
  });

  it('adds fixtures, tournaments and the open slip, and reports what the connection follows', () => {
    expect(registry.subscribe(io('a'), { fixtures: [ref('f1')], tournamentIds: ['t9'], openSlip: true })).toEqual({
      fixture_ids: ['f1'],
      tournament_ids: ['t9'],
      open_slip: true,
    });
    expect(registry.rooms('a')).toEqual(new Set([fixtureRoom('f1'), tournamentRoom('t9')]));
    expect(registry.watched()).toEqual({ fixtures: [ref('f1')], tournamentIds: ['t9'] });
  });

  it('refuses the whole change past the per-connection limit, counting only what is new', () => {
    registry.subscribe(io('a'), { fixtures: [ref('f1'), ref('f2')] });
    // f1 again is a renewal, so two new entries make four.
    const error = limitError(() => registry.subscribe(io('a'), { fixtures: [ref('f1'), ref('f3'), ref('f4')] }));
    expect(error).toMatchObject({ code: 'SUBSCRIPTION_LIMIT', details: { scope: 'connection', max: 3, requested: 4 } });
    expect(registry.view('a').fixture_ids).toEqual(['f1', 'f2']);
    expect(registry.subscribe(io('a'), { fixtures: [ref('f1'), ref('f3')] }).fixture_ids).toEqual(['f1', 'f2', 'f3']);
  });

  it('refuses past the per-user limit summed over the user’s connections; another user is not counted', () => {
    registry.subscribe(io('a', 'u1'), { fixtures: [ref('f1'), ref('f2'), ref('f3')] });
    const error = limitError(() => registry.subscribe(io('b', 'u1'), { fixtures: [ref('f4'), ref('f5')] }));
    expect(error).toMatchObject({ code: 'SUBSCRIPTION_LIMIT', details: { scope: 'user', max: 4, requested: 5 } });
    expect(registry.subscribe(io('b', 'u1'), { fixtures: [ref('f4')] }).fixture_ids).toEqual(['f4']);
    expect(registry.subscribe(io('c', 'u2'), { fixtures: [ref('f1'), ref('f2'), ref('f3')] }).fixture_ids).toHaveLength(3);
  });

  it('drops subscriptions idle past their time, keeps renewed ones, and forgets empty connections', () => {
    registry.subscribe(io('a'), { fixtures: [ref('f1'), ref('f2')] });
    now += 40_000;
    registry.subscribe(io('a'), { fixtures: [ref('f2')] });
    now += 30_000;
    expect(registry.sweep().map((s) => s.id)).toEqual(['a']);
    expect(registry.view('a').fixture_ids).toEqual(['f2']);
    now += 40_000;
    registry.sweep();
    expect(registry.subscriberCounts()).toEqual({ socketio: 0, ws: 0 });
    expect(registry.watched()).toEqual({ fixtures: [], tournamentIds: [] });
  });

  it('unsubscribes what is named, or everything when nothing is named', () => {
    registry.subscribe(io('a'), { fixtures: [ref('f1'), ref('f2')], tournamentIds: ['t9'] });
    expect(registry.unsubscribe('a', { fixtureIds: ['f1'] })).toEqual({ fixture_ids: ['f2'], tournament_ids: ['t9'], open_slip: false });
    expect(registry.unsubscribe('a', {})).toEqual({ fixture_ids: [], tournament_ids: [], open_slip: false });
    expect(registry.rooms('a')).toEqual(new Set());
  });

  it('finds each recipient of a fixture once, by fixture, tournament or open slip, per transport', () => {
    registry.subscribe(io('a'), { fixtures: [ref('f1', 't1')], tournamentIds: ['t1'] });
    registry.subscribe(ws('w'), { tournamentIds: ['t1'] });
    registry.subscribe(io('b', 'u2'), { openSlip: true });
    registry.setSlip('b', [ref('f1', 't1')]);
    registry.subscribe(io('c', 'u3'), { fixtures: [ref('f2', 't2')] });
    expect(registry.recipients(ref('f1', 't1')).map((s) => s.id)).toEqual(['a', 'w', 'b']);
    expect(registry.recipients(ref('f1', 't1'), 'ws').map((s) => s.id)).toEqual(['w']);
    expect(registry.slipFollowers('f1').map((s) => s.id)).toEqual(['b']);
    expect(registry.slipFollowers('f2')).toEqual([]);
    expect(registry.rooms('b')).toEqual(new Set([fixtureRoom('f1')]));
  });

  it('answers an empty subscribe with what is followed, without counting the connection as a subscriber', () => {
    expect(registry.subscribe(io('a'), {})).toEqual({ fixture_ids: [], tournament_ids: [], open_slip: false });
    expect(registry.subscriberCounts()).toEqual({ socketio: 0, ws: 0 });
    registry.subscribe(ws('w'), { tournamentIds: ['t1'] });
    expect(registry.subscribe(ws('w'), {})).toEqual({ fixture_ids: [], tournament_ids: ['t1'], open_slip: false });
    expect(registry.subscriberCounts()).toEqual({ socketio: 0, ws: 1 });
  });

  it('keeps no slip fixtures for a connection that does not follow its slip', () => {
    registry.subscribe(io('a'), { fixtures: [ref('f1')] });
    registry.setSlip('a', [ref('f7')]);
    expect(registry.watched().fixtures).toEqual([ref('f1')]);
    registry.subscribe(io('a'), { openSlip: true });
    registry.setSlip('a', [ref('f7')]);
    registry.unsubscribe('a', { openSlip: true });
    expect(registry.watched().fixtures).toEqual([ref('f1')]);
  });
});
