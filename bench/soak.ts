/**
 * `npm run soak`: the turn contract under load and faults, bounded in time.
 *
 * Boots the real app in-process (offline engine, memory state, or Redis when REDIS_URL is set)
 * against an in-process simulator, connects N Socket.IO clients that chat continuously, and walks
 * the simulator through fault phases: clean → latency → 50 % errors → hang → down → back. At the
 * end every accepted message must have exactly one final or error event, and every final must be
 * in the stored history exactly once. Prints a JSON report and a one-line summary; exits 1 when a
 * turn was lost or duplicated.
 *
 *   npm run soak -- --duration 120 --sockets 200      (or SOAK_DURATION_S / SOAK_SOCKETS)
 */
import { io, type Socket } from 'socket.io-client';
import type { FaultSettings } from '../libs/sports-api-simulator/src';
import { startSimulator } from '../libs/sports-api-simulator/src';
import { createApp } from '../src/bootstrap';
import { SportsApiResilience } from '../src/sports-api/http/sports-api.resilience';
import { summarize } from './lib/stats';

function option(flag: string, envName: string, fallback: number): number {
  const at = process.argv.indexOf(`--${flag}`);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[envName];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} / ${envName} must be a positive number (got ${raw})`);
  return value;
}

const DURATION_MS = option('duration', 'SOAK_DURATION_S', 120) * 1000;
const SOCKETS = Math.round(option('sockets', 'SOAK_SOCKETS', 200));
/** A turn that has not ended this long after its ack is counted lost (the server has far shorter timeouts). */
const TURN_WATCHDOG_MS = 60_000;

/** Fault phases, as fractions of the run. */
const PHASES: Array<{ name: string; from: number; faults: Partial<FaultSettings> }> = [
  { name: 'clean', from: 0, faults: {} },
  { name: 'latency', from: 0.15, faults: { latencyMs: 400 } },
  { name: 'errors', from: 0.3, faults: { errorRate: 0.5 } },
  { name: 'hang', from: 0.45, faults: { hang: true } },
  { name: 'down', from: 0.55, faults: { down: true } },
  { name: 'back', from: 0.7, faults: {} },
];

const QUESTIONS = [
  'What is my balance?',
  'What are the odds for Arsenal vs Chelsea?',
  'When does Barcelona play next?',
  '¿Cuánto gano si apuesto $50 al Real Madrid?',
  'Which matches are live right now?',
  'Quanto eu tenho de saldo?',
  'Which tournaments can I bet on?',
  'Any recommendations for today?',
];

interface Turn {
  user: number;
  session: string;
  sentAt: number;
  acceptedAt?: number;
  endings: number;
  final?: { content: string; degraded: boolean; stopped: boolean };
  errorCode?: string;
  endedAt?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  Object.assign(process.env, {
    ENVIRONMENT: 'test',
    LOG_LEVEL: 'silent',
    CHATBET_API_BASE_URL: sim.url,
    LLM_PROVIDER: 'offline',
    SPORTS_API_TIMEOUT_MS: '2000',
    CACHE_TTL_ODDS: '2',
    CACHE_TTL_FIXTURES: '5',
    RATE_LIMIT_PER_MINUTE: '10000000',
    SOCKET_MESSAGES_PER_MINUTE: '10000',
    SOCKET_CONNECTIONS_PER_MINUTE: '100000',
    SHUTDOWN_GRACE_MS: '5000',
  });
  delete process.env.GOOGLE_API_KEY;
  const app = await createApp({ logs: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;

  let startedAt = Date.now();
  const breakerLog: Array<{ state: string; atMs: number }> = [];
  app.get(SportsApiResilience).onBreakerStateChange((state) => breakerLog.push({ state, atMs: Date.now() - startedAt }));
  const turns = new Map<string, Turn>();
  const refusals: Record<string, number> = {};
  const orphanEndings: string[] = [];
  const phaseLog: Array<{ phase: string; atMs: number }> = [];
  let sent = 0;

  const sockets: Socket[] = [];
  const connectOne = (index: number) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(`${url}/chat`, {
        transports: ['websocket'],
        auth: { user_id: `soak-user-${index}`, session_id: `soak-session-${index}` },
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  for (let i = 0; i < SOCKETS; i += 20) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(20, SOCKETS - i) }, (_, k) => connectOne(i + k)))));
  }

  startedAt = Date.now(); // the run is timed from here, once every socket is connected
  const deadline = startedAt + DURATION_MS;
  const waiters = new Map<string, () => void>();
  sockets.forEach((socket) => {
    const onEnding = (messageId: string | undefined, apply: (turn: Turn) => void) => {
      const turn = messageId ? turns.get(messageId) : undefined;
      if (!turn) return orphanEndings.push(String(messageId));
      turn.endings++;
      turn.endedAt ??= Date.now();
      apply(turn);
      waiters.get(messageId!)?.();
    };
    socket.on('assistant_response', (frame: { message_id?: string; is_final?: boolean; content: string; degraded?: boolean; stopped?: boolean }) => {
      if (!frame.is_final) return;
      onEnding(frame.message_id, (turn) => (turn.final = { content: frame.content, degraded: frame.degraded === true, stopped: frame.stopped === true }));
    });
    socket.on('error', (frame: { message_id?: string; error_code?: string }) => {
      if (!frame.message_id) return; // connection-level errors (none expected) carry no message id
      onEnding(frame.message_id, (turn) => (turn.errorCode = frame.error_code));
    });
  });

  // Fault phases on a timer.
  let phaseIndex = -1;
  const phaseTimer = setInterval(() => {
    const progress = (Date.now() - startedAt) / DURATION_MS;
    const next = PHASES.reduce((found, phase, index) => (progress >= phase.from ? index : found), 0);
    if (next === phaseIndex) return;
    phaseIndex = next;
    sim.faults.reset();
    sim.faults.set(PHASES[next].faults);
    phaseLog.push({ phase: PHASES[next].name, atMs: Date.now() - startedAt });
  }, 100);

  const chat = async (socket: Socket, index: number) => {
    let k = 0;
    await sleep(Math.random() * 1000);
    while (Date.now() < deadline) {
      const messageId = `soak-${index}-${++k}`;
      const content = `${QUESTIONS[(index + k) % QUESTIONS.length]} #${k}`;
      // A session keeps 200 messages; a fresh one every 50 turns keeps all of them checkable.
      const session = `soak-session-${index}-${Math.floor(k / 50)}`;
      const turn: Turn = { user: index, session, sentAt: Date.now(), endings: 0 };
      turns.set(messageId, turn);
      sent++;
      const ended = new Promise<void>((resolve) => waiters.set(messageId, resolve));
      let ack: { accepted?: boolean; error?: { error_code: string } };
      try {
        ack = await socket.timeout(10_000).emitWithAck('user_message', { content, message_id: messageId, session_id: session });
      } catch {
        ack = { error: { error_code: 'NO_ACK' } };
      }
      if (ack.accepted) {
        turn.acceptedAt = Date.now();
        await Promise.race([ended, sleep(TURN_WATCHDOG_MS)]);
      } else {
        turns.delete(messageId);
        const code = ack.error?.error_code ?? 'UNKNOWN';
        refusals[code] = (refusals[code] ?? 0) + 1;
      }
      waiters.delete(messageId);
      await sleep(200 + Math.random() * 800); // think time
    }
  };
  await Promise.all(sockets.map((socket, index) => chat(socket, index)));
  clearInterval(phaseTimer);
  sim.faults.reset();
  await sleep(1000); // any late duplicate would arrive now

  // History: every final stored once under its message id; nothing stored that did not end in a final.
  let historyMissing = 0;
  let historyExtra = 0;
  const sessions = new Set([...turns.values()].map((t) => `${t.user}|${t.session}`));
  for (const key of sessions) {
    const [user, session] = key.split('|');
    const res = await fetch(`${url}/api/v1/chat/conversations/soak-user-${user}?session_id=${session}&limit=200`);
    const body = (await res.json()) as { messages?: Array<{ role: string; message_id: string }> };
    const stored = (body.messages ?? []).filter((m) => m.role === 'assistant').map((m) => m.message_id);
    const storedSet = new Set(stored);
    historyExtra += stored.length - storedSet.size; // the same message stored twice
    for (const [id, turn] of turns) {
      if (`${turn.user}|${turn.session}` !== key || !turn.final || turn.final.stopped) continue;
      if (!storedSet.has(id)) historyMissing++;
    }
  }

  const accepted = [...turns.values()].filter((t) => t.acceptedAt !== undefined);
  const lost = accepted.filter((t) => t.endings === 0).length;
  const duplicated = accepted.filter((t) => t.endings > 1).length + orphanEndings.length + historyExtra;
  const finals = accepted.filter((t) => t.final).length;
  const errors = accepted.filter((t) => t.errorCode && !t.final).length;
  const errorCodes: Record<string, number> = {};
  for (const t of accepted) if (t.errorCode) errorCodes[t.errorCode] = (errorCodes[t.errorCode] ?? 0) + 1;
  const report = {
    duration_s: DURATION_MS / 1000,
    sockets: SOCKETS,
    redis: Boolean(process.env.REDIS_URL),
    phases: phaseLog,
    breaker: breakerLog,
    sent,
    accepted: accepted.length,
    refused: refusals,
    finals,
    degraded_finals: accepted.filter((t) => t.final?.degraded).length,
    errors,
    error_codes: errorCodes,
    lost,
    duplicated,
    history_missing: historyMissing,
    turn_latency_ms: summarize(accepted.filter((t) => t.endedAt).map((t) => t.endedAt! - t.sentAt)),
    upstream: sim.stats(),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `soak: sent=${sent} accepted=${accepted.length} finals=${finals} errors=${errors} lost=${lost} duplicated=${duplicated} history_missing=${historyMissing}\n`,
  );

  for (const socket of sockets) socket.close();
  await app.close();
  await sim.close();
  process.exit(lost + duplicated + historyMissing > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(2);
});
