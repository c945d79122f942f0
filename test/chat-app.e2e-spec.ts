import request from 'supertest';
import { startApp, type RunningApp } from './support/app';
import { connectSocket, connectWs } from './support/fakes/socket-clients';

/**
 * The real application (offline engine, embedded sports simulator): one grounded conversation
 * through each transport, checking the wiring rather than the wording.
 */
describe('chat through the real app (offline engine, embedded simulator)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  }, 60_000);
  afterAll(() => running.close());

  it('answers over REST with the protocol fields and a tool-grounded answer', async () => {
    const res = await request(running.url)
      .post('/api/v1/chat/message')
      .send({ message: "What's my balance?", user_id: 'real-user', session_id: 'real-rest' })
      .expect(200);
    expect(res.body).toMatchObject({
      session_id: 'real-rest',
      detected_intent: 'USER_BALANCE_QUERY',
      language: 'en',
      function_calls_made: expect.arrayContaining([expect.objectContaining({ name: 'get_user_balance', status: 'ok' })]),
    });
    expect(res.body.message.length).toBeGreaterThan(0);
    const ready = await request(running.url).get('/health/ready');
    expect(ready.body.details.conversation_store).toEqual({ status: 'up', store: 'memory' });
  });

  it('streams over Socket.IO and the plain WebSocket', async () => {
    const client = await connectSocket(running.url, { user_id: 'real-user', session_id: 'real-sio' });
    try {
      const ack = await client.ack('user_message', { content: 'When does Barcelona play?', message_id: 'real-1' });
      expect(ack).toEqual({ accepted: true, message_id: 'real-1', session_id: 'real-sio' });
      const frames = await client.turn('real-1');
      const final = frames.find((f) => f.event === 'assistant_response' && f.is_final)!;
      const deltas = frames.filter((f) => f.event === 'assistant_response' && !f.is_final);
      expect(final).toBeDefined();
      expect(deltas.map((d) => d.content).join('')).toBe(final.content);
      // The offline engine writes its answer at once, so it leaves as one delta (frames carry meaning).
      expect(deltas).toHaveLength(1);
      expect(deltas[0].index).toBe(0);
      expect(final.entities.teams).toContain('Barcelona');
      expect(frames.some((f) => f.event === 'tool_call')).toBe(true);
    } finally {
      client.close();
    }
    const ws = await connectWs(running.url, '/ws/chat?user_id=real-user&session_id=real-ws');
    try {
      ws.send({ type: 'user_message', content: 'Hola, ¿cuál es mi saldo?', message_id: 'real-ws-1' });
      const final = await ws.next((f) => f.message_id === 'real-ws-1' && (f.type === 'error' || f.is_final === true));
      expect(final).toMatchObject({ type: 'assistant_response', language: 'es', detected_intent: 'USER_BALANCE_QUERY' });
    } finally {
      ws.close();
    }
  });
});
