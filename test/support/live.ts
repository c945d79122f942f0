import type { BetProposalSelection } from '../../src/common/protocol';
import { MetricsService } from '../../src/metrics/metrics.service';
import type { Fixture } from '../../src/sports-api/domain';
import { SportsApi } from '../../src/sports-api/sports-api.port';
import { SportsQueries } from '../../src/sports-api/sports-queries.service';
import { TOURNAMENT_WINDOW_MS } from '../../src/live/live-poller';
import type { RunningApp } from './app';
import type { Frame, RecordedSocket, RecordedWs } from './fakes/socket-clients';

/** Any running app (the real one or the one with fakes). */
type WithApp = Pick<RunningApp, 'app'>;

/** Helpers for live-update tests: poll counts from the app's metrics, fixtures far from kick-off, waiting for events. */

async function counterValue(running: WithApp, read: (metrics: MetricsService) => Promise<{ values: Array<{ value: number }> }>): Promise<number> {
  const { values } = await read(running.app.get(MetricsService));
  return values.reduce((sum, v) => sum + v.value, 0);
}

export const pollsOf = (running: WithApp) => counterValue(running, (m) => m.livePolls.get());
export const leaderOf = (running: WithApp) => counterValue(running, (m) => m.livePollerLeader.get());
export const polledFixturesOf = (running: WithApp) => counterValue(running, (m) => m.livePolledFixtures.get());

/** Waits (bounded) until `check` holds, trying every 20 ms. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until the cluster's poller (whichever app runs it) has polled `count` more times. */
export async function morePolls(apps: WithApp[], count = 2): Promise<void> {
  const total = async () => (await Promise.all(apps.map(pollsOf))).reduce((a, b) => a + b, 0);
  const start = await total();
  await eventually(`${count} more live polls`, async () => (await total()) >= start + count);
}

/** Football fixtures (a home win is priced) kicking off at least three days after the simulator's now, so moving its clock a day keeps them upcoming. */
export async function distantFixtures(running: RunningApp, count: number): Promise<Fixture[]> {
  const { data } = await running.app.get(SportsQueries).fixtures({ from: new Date(Date.now() + 3 * 86_400_000) });
  const football = data.filter((f) => f.sportId === '1');
  if (football.length < count) throw new Error(`only ${football.length} distant football fixtures`);
  return football.slice(0, count);
}

/**
 * A fixture a tournament subscription follows (it kicks off within the poller's window) that stays
 * upcoming while the simulator's clock moves up to a day.
 */
export async function fixtureInTournamentWindow(running: RunningApp): Promise<Fixture> {
  const from = new Date(Date.now() + 30 * 3_600_000);
  const { data } = await running.app.get(SportsQueries).fixtures({ from, to: new Date(Date.now() + TOURNAMENT_WINDOW_MS - 3_600_000) });
  const football = data.filter((f) => f.sportId === '1');
  if (football.length === 0) throw new Error('no football fixture kicks off 30 to 47 hours from now');
  return football[0];
}

/** The home win of a fixture at its current price, shaped as a slip selection (for movePrice). */
export async function homeWin(running: RunningApp, fixture: Fixture): Promise<BetProposalSelection> {
  const odds = await running.app.get(SportsApi).getOdds({ sportId: fixture.sportId, tournamentId: fixture.tournamentId, fixtureId: fixture.id });
  const home = odds.markets.find((m) => m.key === 'result')?.selections.find((s) => s.outcome === 'home');
  if (!home) throw new Error(`fixture ${fixture.id} has no home-win price`);
  return {
    fixture_id: fixture.id,
    tournament_id: fixture.tournamentId,
    sport_id: fixture.sportId,
    home_team: fixture.homeTeam,
    away_team: fixture.awayTeam,
    start_time: fixture.startTime.toISOString(),
    market: 'result',
    outcome: 'home',
    odd: home.odd,
    bet_id: home.betId,
  };
}

export const isHomeMove = (fixtureId: string, odd: number) => (f: Frame) =>
  f.type === 'odds_update' && f.match_id === fixtureId && f.market_type === 'result' && f.outcome === 'home' && f.new_odds === odd;

export function socketEvents(socket: RecordedSocket, event: string): Frame[] {
  return socket.events.filter((e) => e.event === event).map((e) => e.payload);
}

/** Waits for a Socket.IO event matching `match`. */
export function nextEvent(socket: RecordedSocket, event: string, match: (payload: Frame) => boolean): Promise<Frame> {
  return eventually(`a ${event} event`, () => socketEvents(socket, event).some(match)).then(() => socketEvents(socket, event).find(match)!);
}

export const wsFrames = (ws: RecordedWs, match: (frame: Frame) => boolean): Frame[] => ws.frames.filter(match);
