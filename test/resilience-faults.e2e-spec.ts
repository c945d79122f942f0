import request from 'supertest';
import type { FaultSettings } from '../libs/sports-api-simulator/src';
import type { RunningSimulator } from '../libs/sports-api-simulator/src';
import type { RunningApp } from './support/app';
import { connectSocket, type Frame, type RecordedSocket } from './support/fakes/socket-clients';
import { eventually, startFaultyStack } from './support/resilient-app';

/**
 * Drives the simulator's fault switches while several Socket.IO clients chat, and checks the
 * turn contract end to end: every accepted message ends with exactly one final or error, refused
 * ones with none, every final is in the stored history once, nothing else is.
 */
describe('fault injection over Socket.IO (real app, offline engine, simulator faults)', () => {
  let stack: Awaited<ReturnType<typeof startFaultyStack>>;
  let sim: RunningSimulator;
  let app: RunningApp;
  beforeAll(async () => {
    stack = await startFaultyStack(300);
    ({ sim, app } = stack);
  });
  afterAll(() => stack?.close());

  const QUESTIONS = [
    'What is my balance?',
    'What are the odds for Arsenal vs Chelsea?',
    'When does Barcelona play next?',
    'How much do I win if I bet $20 on Real Madrid?',
    'Which matches are live right now?',
  ];
  const PHASES: Array<[string, Partial<FaultSettings>]> = [
    ['50 % errors', { errorRate: 0.5 }],
    ['latency', { latencyMs: 150 }],
    ['hang', { hang: true }],
    ['down', { down: true }],
    ['back', {}],
  ];
  const SOCKETS = 4;
  const PER_SOCKET = 3;

  const isEnding = (f: Frame) => f.event === 'error' || (f.event === 'assistant_response' && f.is_final === true);

  it('ends every accepted message exactly once and keeps every final in the history', async () => {
    const clients: Array<{ user: string; session: string; socket: RecordedSocket }> = [];
    for (let i = 0; i < SOCKETS; i++) {
      const user = `fi-user-${i}`;
      const session = `fi-session-${i}`;
      clients.push({ user, session, socket: await connectSocket(app.url, { user_id: user, session_id: session }) });
    }
    const accepted = new Map<string, number>(); // message_id → client index
    const refused: string[] = [];
    let n = 0;
    try {
      for (const [phase, faults] of PHASES) {
        sim.faults.reset();
        sim.faults.set(faults);
        await Promise.all(
          clients.map(async ({ socket }, index) => {
            for (let k = 0; k < PER_SOCKET; k++) {
              const messageId = `fi-${phase.replace(/\W+/g, '')}-${index}-${k}-${++n}`;
              const content = `${QUESTIONS[(index + k) % QUESTIONS.length]} (${phase} #${k})`;
              const ack = await socket.ack('user_message', { content, message_id: messageId });
              if (ack.accepted) {
                accepted.set(messageId, index);
                await socket.turn(messageId);
              } else refused.push(messageId);
            }
          }),
        );
      }
      sim.faults.reset();

      // Exactly one ending per accepted message; refused messages got their answer in the ack only.
      const finals = new Map<string, Frame>();
      for (const [messageId, index] of accepted) {
        const endings = clients[index].socket.events.filter((e) => e.payload?.message_id === messageId && isEnding({ ...e.payload, event: e.event }));
        expect({ messageId, endings: endings.length }).toEqual({ messageId, endings: 1 });
        if (endings[0].event === 'assistant_response') finals.set(messageId, endings[0].payload);
        else expect(endings[0].payload.error_code).toMatch(/^[A-Z_]+$/);
      }
      for (const messageId of refused) {
        const frames = clients.flatMap((c) => c.socket.events).filter((e) => e.payload?.message_id === messageId);
        expect(frames).toEqual([]);
      }
      expect(accepted.size).toBeGreaterThanOrEqual(SOCKETS * PER_SOCKET * PHASES.length * 0.9);
      // Faults did happen: some answers were degraded or failed, and the healthy phases answered.
      expect([...finals.values()].some((f) => f.degraded === true) || finals.size < accepted.size).toBe(true);
      expect(finals.size).toBeGreaterThan(0);

      // Nothing lost, nothing doubled: each final is stored once, under its message_id, with its text.
      for (const { user, session } of clients) {
        const res = await request(app.url).get(`/api/v1/chat/conversations/${user}`).query({ session_id: session, limit: 200 }).expect(200);
        const stored = (res.body.messages as Array<{ role: string; message_id: string; content: string }>).filter((m) => m.role === 'assistant');
        const mine = [...finals].filter(([id]) => clients[accepted.get(id)!].user === user);
        expect(stored.map((m) => m.message_id).sort()).toEqual(mine.map(([id]) => id).sort());
        for (const [id, final] of mine) expect(stored.find((m) => m.message_id === id)?.content).toBe(final.content);
      }
    } finally {
      for (const { socket } of clients) socket.close();
    }
    await eventually(async () => (await request(app.url).get('/health')).status === 200, '/health 200 after the faults were cleared');
  });
});
