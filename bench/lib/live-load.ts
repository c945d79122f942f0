import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { startSimulator } from '../../libs/sports-api-simulator/src';
import type { ServerStats } from './server-child';
import { startServer } from './server-process';
import { summarize, type LatencySummary } from './stats';

/**
 * The `live` bench step: what one price move costs when 1,000 subscribers follow 50 fixtures.
 * A real app (offline engine) in its own process polls a simulator this process owns; half the
 * subscribers are Socket.IO clients (`subscribe` on /chat), half `/ws/sports-updates` clients,
 * each following one fixture (20 per fixture). The simulator's clock is moved 15 minutes (its
 * odds step) a few times; each move's updates are counted as they arrive, with the server's CPU
 * and event-loop time over the step. Bounded: every wait has a deadline and the step ends itself.
 */

export interface LiveLoadOptions {
  subscribers: number;
  fixtures: number;
  moves: number;
  pollIntervalMs: number;
}

export interface LiveLoadResult {
  subscribers: number;
  fixtures: number;
  moves: number;
  /** Distinct price moves the poller published (one per fixture/market/outcome that moved). */
  updatesPublished: number;
  /** odds_update events/frames that reached subscribers. */
  framesDelivered: number;
  /** framesDelivered ÷ the frames that should have arrived (each update × its fixture's subscribers). */
  deliveredShare: number;
  duplicates: number;
  /** Server CPU over the moves (polls included) ÷ updates published, and ÷ frames delivered. */
  serverCpuMsPerUpdate: number;
  serverCpuUsPerFrame: number;
  /** Share of wall time the server's event loop was busy during the moves. */
  serverLoopBusyPercent: number;
  /** Sports-API odds reads per poll (through the cache). */
  oddsReadsPerPoll: number;
  /** From the update's server timestamp (set when the poll diffed it) to its arrival, per frame (ms). */
  latencyMs: LatencySummary;
  /** Per update: from its first to its last subscriber (ms). */
  fanOutSpreadMs: LatencySummary;
  /** Server CPU per second with every subscriber connected and nothing moving (the polls alone). */
  idleServerCpuMsPerSecond: number;
  wallMs: number;
}

interface Received {
  key: string;
  at: number;
  sentAt: number;
}

const STEP_MS = 15 * 60_000;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`live bench: timed out waiting for ${what}`);
}

/** Football fixture ids the simulator lists (all tournaments of sport 1), kick-off order per tournament. */
async function fixtureIds(simUrl: string, count: number): Promise<string[]> {
  const sports = await json<Array<{ id: string; tournaments: Array<{ tournamentId: string }> }>>(`${simUrl}/sports/all-tournaments?with_active_fixtures=true`);
  const ids: string[] = [];
  for (const tournament of sports.find((s) => s.id === '1')?.tournaments ?? []) {
    const listed = await json<Array<{ id?: string }>>(`${simUrl}/sports/fixtures?tournamentId=${tournament.tournamentId}&type=pre_match`);
    for (const f of listed) if (f.id && ids.length < count) ids.push(f.id);
    if (ids.length >= count) break;
  }
  if (ids.length < count) throw new Error(`live bench: the simulator lists only ${ids.length} football fixtures`);
  return ids;
}

export async function runLiveLoad(options: LiveLoadOptions): Promise<LiveLoadResult> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  const server = await startServer('offline', {
    CHATBET_API_BASE_URL: sim.url,
    LIVE_POLL_INTERVAL_MS: String(options.pollIntervalMs),
    CACHE_TTL_ODDS: '1',
    LIVE_MAX_SUBSCRIPTIONS_PER_USER: '100000',
  });
  const sockets: Socket[] = [];
  const sockets2: WebSocket[] = [];
  try {
    const ids = await fixtureIds(sim.url, options.fixtures);
    const received: Received[] = [];
    // A price may step back and forth (2.10 → 2.05 → 2.10), so an update is told apart by the move it belongs to.
    let move = 0;
    const record = (frame: { type?: string; match_id?: string; market_type?: string; outcome?: string; new_odds?: number; timestamp?: string }, who: number) => {
      if (frame.type !== 'odds_update') return;
      received.push({ key: `${who}|${move}|${frame.match_id}|${frame.market_type}|${frame.outcome}|${frame.new_odds}`, at: Date.now(), sentAt: Date.parse(frame.timestamp ?? '') });
    };
    const wsUrl = server.url.replace(/^http/, 'ws');
    const connections: Array<Promise<void>> = [];
    for (let i = 0; i < options.subscribers; i++) {
      const fixture = ids[i % ids.length];
      if (i % 2 === 0) {
        const socket = io(`${server.url}/chat`, { transports: ['websocket'], auth: { user_id: `live-bench-${i}` }, reconnection: false, forceNew: true });
        sockets.push(socket);
        socket.on('odds_update', (frame: Parameters<typeof record>[0]) => record(frame, i));
        connections.push(
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => {
              socket.timeout(30_000).emit('subscribe', { fixture_ids: [fixture] }, (error: Error | null, ack: { error?: unknown }) =>
                error || ack?.error ? reject(new Error(`subscribe refused: ${JSON.stringify(ack?.error ?? error?.message)}`)) : resolve(),
              );
            });
            socket.once('connect_error', reject);
          }),
        );
      } else {
        const ws = new WebSocket(`${wsUrl}/ws/sports-updates`);
        sockets2.push(ws);
        connections.push(
          new Promise<void>((resolve, reject) => {
            ws.on('message', (data: Buffer) => {
              const frame = JSON.parse(data.toString('utf8')) as Parameters<typeof record>[0] & { type: string };
              if (frame.type === 'connection_established') ws.send(JSON.stringify({ type: 'subscribe', fixture_ids: [fixture] }));
              else if (frame.type === 'subscription_confirmed') resolve();
              else if (frame.type === 'error') reject(new Error(`subscribe refused: ${JSON.stringify(frame)}`));
              else record(frame, i);
            });
            ws.once('error', reject);
          }),
        );
      }
      // Connect in small batches so the handshakes do not queue behind each other.
      if (connections.length % 50 === 0) await Promise.all(connections.slice(-50));
    }
    await Promise.all(connections);
    // Every fixture in the poll, and a baseline read of each.
    await until('the poller to follow every fixture', async () => (await metric(server.url, 'chatbet_live_polled_fixtures')) >= ids.length, 30_000);
    const pollsAtBaseline = await metric(server.url, 'chatbet_live_polls_total');
    await until('two baseline polls', async () => (await metric(server.url, 'chatbet_live_polls_total')) >= pollsAtBaseline + 2, 30_000);

    const idleBefore = await server.stats();
    const idleStarted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleAfter = await server.stats();
    const idleCpuMsPerSecond = (idleAfter.cpuMs - idleBefore.cpuMs) / ((Date.now() - idleStarted) / 1000);

    const before: ServerStats = await server.stats();
    const oddsBefore = sim.stats().byPath['/sports/odds'] ?? 0;
    const pollsBefore = await metric(server.url, 'chatbet_live_polls_total');
    const started = Date.now();
    for (move = 1; move <= options.moves; move++) {
      const polls = await metric(server.url, 'chatbet_live_polls_total');
      sim.advanceClock(STEP_MS);
      // Three polls later every move of this step has been read (the cache holds odds for 1 s) and sent.
      const settleMs = Math.max(3 * options.pollIntervalMs, 1200);
      await until('the step to settle', async () => (await metric(server.url, 'chatbet_live_polls_total')) >= polls + 3, 60_000);
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
    const after: ServerStats = await server.stats();
    const wallMs = Date.now() - started;
    const polls = (await metric(server.url, 'chatbet_live_polls_total')) - pollsBefore;
    const oddsReads = (sim.stats().byPath['/sports/odds'] ?? 0) - oddsBefore;

    const distinct = new Set(received.map((r) => r.key));
    const perUpdate = new Map<string, number[]>();
    for (const r of received) {
      const update = r.key.slice(r.key.indexOf('|') + 1);
      perUpdate.set(update, [...(perUpdate.get(update) ?? []), r.at]);
    }
    const subscribersPerFixture = options.subscribers / ids.length;
    const cpuMs = after.cpuMs - before.cpuMs;
    const activeMs = after.loop.activeMs - before.loop.activeMs;
    const idleMs = after.loop.idleMs - before.loop.idleMs;
    return {
      subscribers: options.subscribers,
      fixtures: ids.length,
      moves: options.moves,
      updatesPublished: perUpdate.size,
      framesDelivered: received.length,
      deliveredShare: Math.round((received.length / Math.max(1, perUpdate.size * subscribersPerFixture)) * 1000) / 1000,
      duplicates: received.length - distinct.size,
      serverCpuMsPerUpdate: Math.round((cpuMs / Math.max(1, perUpdate.size)) * 100) / 100,
      serverCpuUsPerFrame: Math.round(((cpuMs * 1000) / Math.max(1, received.length)) * 10) / 10,
      serverLoopBusyPercent: Math.round((activeMs / Math.max(1, activeMs + idleMs)) * 1000) / 10,
      oddsReadsPerPoll: Math.round((oddsReads / Math.max(1, polls)) * 10) / 10,
      latencyMs: summarize(received.map((r) => r.at - r.sentAt)),
      fanOutSpreadMs: summarize([...perUpdate.values()].map((times) => Math.max(...times) - Math.min(...times))),
      idleServerCpuMsPerSecond: Math.round(idleCpuMsPerSecond * 10) / 10,
      wallMs,
    };
  } finally {
    for (const socket of sockets) socket.close();
    for (const ws of sockets2) ws.terminate();
    await server.close();
    await sim.close();
  }
}
