import request from 'supertest';
import type { RunningApp } from './support/app';
import { connectSocket, connectWs } from './support/fakes/socket-clients';
import { freePort } from './support/global-setup';
import { eventually, OwnRedis, readinessIs, startResilientApp } from './support/resilient-app';

/**
 * A hung Redis (a real redis-server under SIGSTOP: connections stay open, nothing is answered).
 * Every transport must answer 503 instead of waiting on it; what a client gave up on must not
 * happen later when Redis runs again; and the service recovers on its own after SIGCONT.
 */
describe('degradation: Redis hangs and comes back (real redis-server under SIGSTOP)', () => {
  /** Generous: the bound under test is REDIS_COMMAND_TIMEOUT_MS; the rest is a loaded machine. */
  const ANSWERED_WITHIN_MS = 10_000;
  let redis: OwnRedis;
  let app: RunningApp;
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    app = await startResilientApp({
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      CHATBET_API_BASE_URL: undefined,
      LLM_PROVIDER: 'offline',
      GOOGLE_API_KEY: undefined,
    });
  });
  afterAll(async () => {
    redis?.resume();
    await app?.close();
    await redis?.stop();
  });

  const ask = (message: string, sessionId: string | undefined, messageId: string) =>
    request(app.url)
      .post('/api/v1/chat/message')
      .timeout(ANSWERED_WITHIN_MS)
      .send({ message, user_id: 'hang-user', session_id: sessionId, message_id: messageId });

  it('answers 503 on REST, Socket.IO and the plain WebSocket, processes none of it later, and recovers', async () => {
    await ask('When does Arsenal play next?', 'hang-warm', 'hang-warm-m').expect(200);
    const socket = await connectSocket(app.url, { user_id: 'hang-sio' });
    const ws = await connectWs(app.url, '/ws/chat?user_id=hang-ws');
    try {
      redis.pause();

      // No session_id: the admission (dedup claim, session lock) is the first Redis write it waits on.
      const rest = await ask('When does Chelsea play next?', undefined, 'hang-m1');
      expect(rest.status).toBe(503);
      expect(rest.body).toMatchObject({ error_code: 'LLM_UNAVAILABLE' });

      const ack = await socket.socket.timeout(ANSWERED_WITHIN_MS).emitWithAck('user_message', { content: 'hello', message_id: 'hang-sio-m1' });
      expect(ack.error).toMatchObject({ error_code: 'LLM_UNAVAILABLE' });

      const from = ws.frames.length;
      ws.send({ type: 'user_message', content: 'hello', message_id: 'hang-ws-m1' });
      expect(await ws.next((f) => f.type === 'error', from)).toMatchObject({ error_code: 'LLM_UNAVAILABLE' });

      expect((await request(app.url).get('/health/ready').timeout(ANSWERED_WITHIN_MS)).status).toBe(503);
      await request(app.url).get('/health/live').expect(200);

      redis.resume();
      await eventually(readinessIs(app.url, 200), 'readiness 200 once Redis runs again');

      // The refused messages were not admitted late: sent again with the same ids, each is a new
      // turn (not a duplicate of a turn that never answered) and is answered once.
      const retried = await ask('When does Chelsea play next?', undefined, 'hang-m1').expect(200);
      expect(retried.body.message.length).toBeGreaterThan(0);
      const history = await request(app.url)
        .get('/api/v1/chat/conversations/hang-user')
        .query({ session_id: retried.body.session_id as string })
        .expect(200);
      expect(history.body.messages.map((m: { role: string; message_id: string }) => [m.role, m.message_id])).toEqual([
        ['user', 'hang-m1'],
        ['assistant', 'hang-m1'],
      ]);
      expect(await socket.ack('user_message', { content: 'hello', message_id: 'hang-sio-m1' })).toMatchObject({ accepted: true });
      const turn = await socket.turn('hang-sio-m1');
      expect(turn.filter((f) => f.event === 'assistant_response' && f.is_final)).toHaveLength(1);
      const again = ws.frames.length;
      ws.send({ type: 'user_message', content: 'hello', message_id: 'hang-ws-m1' });
      expect(await ws.next((f) => f.type === 'assistant_response' && f.is_final === true, again)).toMatchObject({ message_id: 'hang-ws-m1' });
    } finally {
      redis.resume();
      socket.close();
      ws.close();
    }
  }, 60_000);
});
