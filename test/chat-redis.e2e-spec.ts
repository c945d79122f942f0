import request from 'supertest';
import { FakeAgent } from './support/fake-agent';
import { aProposal, FakeSportsApi } from './support/fakes/fake-sports-api';
import { startChatApp, type ChatTestApp } from './support/fakes/chat-test-app';
import { connectSocket, connectWs, type Frame } from './support/fakes/socket-clients';
import { freshRedisDb } from './support/redis';

/** Two app instances on one real Redis, sharing one fake model and one fake wallet. */
describe('chat state on a real Redis (two instances)', () => {
  let a: ChatTestApp;
  let b: ChatTestApp;
  const agent = new FakeAgent();
  const sports = new FakeSportsApi();
  beforeAll(async () => {
    const url = await freshRedisDb();
    a = await startChatApp({ env: { REDIS_URL: url, RATE_LIMIT_PER_MINUTE: '6', TRUST_PROXY: 'loopback' }, agent, sports });
    b = await startChatApp({ env: { REDIS_URL: url, RATE_LIMIT_PER_MINUTE: '6', TRUST_PROXY: 'loopback' }, agent, sports });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(() => {
    agent.plan = () => ({});
  });
  // The tests stand behind a trusted loopback proxy and spread their calls over clients.
  const anyIp = () => `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const post = (app: ChatTestApp, body: object) => request(app.url).post('/api/v1/chat/message').set('x-forwarded-for', anyIp()).send(body);

  it('replays a message_id across instances: same response, agent called once', async () => {
    const body = { message: 'When does Arsenal play?', user_id: 'r-user', session_id: 'r-session', message_id: 'r-m1' };
    const before = agent.calls.length;
    const first = await post(a, body).expect(200);
    const second = await post(b, body).expect(200);
    expect(second.body).toEqual(first.body);
    expect(agent.calls.length - before).toBe(1);
  });

  it('makes a REST repeat that arrives while the first call runs on the other instance wait for it and replay it; a socket repeat is refused', async () => {
    agent.plan = () => ({ delayMs: 20 });
    const body = { message: 'Tell me about Everton', user_id: 'r-wait', session_id: 'r-wait-s', message_id: 'r-wait-m' };
    const before = agent.calls.length;
    const first = post(a, body).then((r) => r);
    await new Promise((r) => setTimeout(r, 30));
    const repeat = post(b, body).then((r) => r);
    const client = await connectSocket(b.url, { user_id: 'r-wait', session_id: 'r-wait-s' });
    try {
      const ack = await client.ack('user_message', { content: body.message, message_id: body.message_id });
      expect(ack.error?.error_code).toBe('DUPLICATE_MESSAGE');
    } finally {
      client.close();
    }
    const [x, y] = await Promise.all([first, repeat]);
    expect(x.status).toBe(200);
    expect(y.status).toBe(200);
    expect(x.body.stopped).toBeUndefined();
    expect(y.body).toEqual(x.body);
    expect(agent.calls.length - before).toBe(1);
  });

  it('continues a conversation on the other instance with its history and NLU memory', async () => {
    await post(a, { message: 'Odds for Chelsea?', user_id: 'r-follow', session_id: 'r-follow-s' }).expect(200);
    const follow = await post(b, { message: 'and the favourite?', user_id: 'r-follow', session_id: 'r-follow-s' }).expect(200);
    expect(follow.body.entities.teams).toEqual(['Chelsea']);
    expect(agent.calls.at(-1)!.history.map((m) => m.role)).toEqual(['user', 'assistant']);
    const history = await request(a.url).get('/api/v1/chat/conversations/r-follow?session_id=r-follow-s').set('x-forwarded-for', anyIp()).expect(200);
    expect(history.body.total).toBe(4);
    expect((await request(b.url).get('/api/v1/chat/conversations/r-other?session_id=r-follow-s').set('x-forwarded-for', anyIp()).expect(404)).body.error_code).toBe('NOT_FOUND');
    expect((await request(b.url).get('/api/v1/chat/conversations/r-follow').set('x-forwarded-for', anyIp()).expect(200)).body.sessions).toEqual(['r-follow-s']);
    await request(b.url).delete('/api/v1/chat/conversations/r-other?session_id=r-follow-s').set('x-forwarded-for', anyIp()).expect(200, { deleted: 0 });
    await request(b.url).delete('/api/v1/chat/conversations/r-follow').set('x-forwarded-for', anyIp()).expect(200, { deleted: 1 });
    await request(a.url).get('/api/v1/chat/conversations/r-follow?session_id=r-follow-s').set('x-forwarded-for', anyIp()).expect(404);
  });

  it('holds the session lock across instances (SESSION_BUSY) and dedups content', async () => {
    agent.plan = () => ({ delayMs: 15 });
    const slow = post(a, { message: 'Long story about Liverpool', user_id: 'r-busy', session_id: 'r-busy-s' }).then((r) => r);
    await new Promise((r) => setTimeout(r, 40));
    expect((await post(b, { message: 'other', user_id: 'r-busy', session_id: 'r-busy-s' }).expect(409)).body.error_code).toBe('SESSION_BUSY');
    expect((await slow).status).toBe(200);
    const dup = await post(b, { message: 'Long story about Liverpool', user_id: 'r-busy', session_id: 'r-busy-s' }).expect(409);
    expect(dup.body.error_code).toBe('DUPLICATE_MESSAGE');
  });

  it('confirms a proposal once even when both instances confirm at the same time', async () => {
    const proposal = aProposal({ stake: 100 });
    agent.plan = () => ({ betProposal: proposal });
    await post(a, { message: 'bet 100 on Arsenal', user_id: 'r-bettor' }).expect(200);
    sports.placeDelayMs = 60;
    const [x, y] = await Promise.all([
      request(a.url).post(`/api/v1/bets/${proposal.proposal_id}/confirm`).set('x-forwarded-for', anyIp()).send({ user_id: 'r-bettor' }),
      request(b.url).post(`/api/v1/bets/${proposal.proposal_id}/confirm`).set('x-forwarded-for', anyIp()).send({ user_id: 'r-bettor' }),
    ]);
    sports.placeDelayMs = 0;
    expect(x.status).toBe(200);
    expect(y.body).toEqual(x.body);
    expect(sports.balanceOf('r-bettor')).toBe(900);
    const again = await request(b.url).post(`/api/v1/bets/${proposal.proposal_id}/confirm`).set('x-forwarded-for', anyIp()).send({ user_id: 'r-bettor' }).expect(200);
    expect(again.body).toEqual(x.body);
    expect(sports.placed.filter((p) => p.account.userId === 'r-bettor')).toHaveLength(1);
  });

  it('replays a Socket.IO message_id first sent over REST on the other instance', async () => {
    const rest = await post(a, { message: 'Hello', user_id: 'r-sock', session_id: 'r-sock-s', message_id: 'r-sock-m' }).expect(200);
    const before = agent.calls.length;
    const client = await connectSocket(b.url, { user_id: 'r-sock', session_id: 'r-sock-s' });
    try {
      await client.ack('user_message', { content: 'Hello', message_id: 'r-sock-m' });
      const frames = await client.turn('r-sock-m');
      expect(frames.find((f) => f.is_final)).toMatchObject({ content: rest.body.message, session_id: 'r-sock-s' });
      expect(agent.calls.length).toBe(before);
    } finally {
      client.close();
    }
  });

  it('takes over a session held on the other instance (Socket.IO Redis adapter)', async () => {
    const first = await connectSocket(a.url, { user_id: 'r-take', session_id: 'r-take-s' });
    const disconnected = new Promise<string>((resolve) => first.socket.once('disconnect', resolve));
    const second = await connectSocket(b.url, { user_id: 'r-take', session_id: 'r-take-s' });
    try {
      expect(await disconnected).toBe('io server disconnect');
      expect(first.events.find((e) => e.event === 'error')?.payload).toMatchObject({ error_code: 'SESSION_TAKEN_OVER' });
      expect(second.socket.connected).toBe(true);
    } finally {
      first.close();
      second.close();
    }
  });

  it('stops a turn running on the other instance, from Socket.IO and from the plain WebSocket', async () => {
    agent.plan = () => ({ delayMs: 20 });
    const runner = await connectSocket(a.url, { user_id: 'r-stop', session_id: 'r-stop-s' });
    const stopper = await connectSocket(b.url, { user_id: 'r-stop', session_id: 'r-stopper-s' });
    const intruder = await connectSocket(b.url, { user_id: 'r-intruder' });
    const ws = await connectWs(b.url, '/ws/chat?user_id=r-stop&session_id=r-ws-stopper');
    try {
      await runner.ack('user_message', { content: 'a long answer please', message_id: 'rs-1' });
      expect(await intruder.ack('stop', { session_id: 'r-stop-s' })).toEqual({ stopped: false });
      expect(await stopper.ack('stop', { session_id: 'r-stop-s', message_id: 'rs-1' })).toEqual({ stopped: true });
      const final = (await runner.turn('rs-1')).find((f) => f.is_final)!;
      expect(final.stopped).toBe(true);

      await runner.ack('user_message', { content: 'another long answer', message_id: 'rs-2' });
      ws.send({ type: 'stop', session_id: 'r-stop-s' });
      expect((await runner.turn('rs-2')).find((f) => f.is_final)!.stopped).toBe(true);
      expect(agent.abortedTurns).toEqual(expect.arrayContaining(['rs-1', 'rs-2']));
    } finally {
      runner.close();
      stopper.close();
      intruder.close();
      ws.close();
    }
  });

  it('keeps ids holding ":" apart: no two (user, session, message) triples share a key', async () => {
    const before = agent.calls.length;
    const first = await post(a, { message: 'Odds for Arsenal?', user_id: 'vic', session_id: 'b:c', message_id: 'm1' }).expect(200);
    const second = await post(b, { message: 'Odds for Chelsea?', user_id: 'vic:b', session_id: 'c', message_id: 'm1' }).expect(200);
    expect(agent.calls.length - before).toBe(2);
    expect([first.body.session_id, second.body.session_id]).toEqual(['b:c', 'c']);
    const own = await request(a.url).get('/api/v1/chat/conversations/vic:b?session_id=c').set('x-forwarded-for', anyIp()).expect(200);
    expect(own.body.messages[0].content).toBe('Odds for Chelsea?');
    await request(a.url).get('/api/v1/chat/conversations/vic:b?session_id=b:c').set('x-forwarded-for', anyIp()).expect(404);
  });

  it('serves a session named like another session\'s message list or slip', async () => {
    await post(a, { message: 'Odds for Arsenal?', user_id: 'r-suffix', session_id: 'S' }).expect(200);
    for (const session_id of ['S:messages', 'S:slip']) {
      const res = await post(b, { message: 'Odds for Chelsea?', user_id: 'r-suffix', session_id }).expect(200);
      expect(res.body.session_id).toBe(session_id);
    }
    const history = await request(a.url).get('/api/v1/chat/conversations/r-suffix?session_id=S').set('x-forwarded-for', anyIp()).expect(200);
    expect(history.body.total).toBe(2);
  });

  it('counts the REST rate limit across instances', async () => {
    const fixed = (app: ChatTestApp) => request(app.url).get('/api/v1/chat/conversations/r-rate').set('x-forwarded-for', '10.9.9.9');
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a, b, a]) statuses.push((await fixed(app)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('reports the Redis conversation store as ready', async () => {
    const res = await request(a.url).get('/health/ready').expect(200);
    expect(res.body.details.conversation_store).toEqual({ status: 'up', store: 'redis' });
  });
});

describe('one socket message budget per user, across instances and transports (real Redis)', () => {
  let a: ChatTestApp;
  let b: ChatTestApp;
  const agent = new FakeAgent();
  beforeAll(async () => {
    const url = await freshRedisDb();
    const env = { REDIS_URL: url, SOCKET_MESSAGES_PER_MINUTE: '3' };
    a = await startChatApp({ env, agent });
    b = await startChatApp({ env, agent });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  const finalOf = (id: string) => (f: Frame) => f.message_id === id && (f.type === 'error' || (f.type === 'assistant_response' && f.is_final));

  it('draws Socket.IO on one instance and /ws/chat on the other from the same budget; another user keeps theirs', async () => {
    const onA = await connectSocket(a.url, { user_id: 'budget-user', session_id: 'budget-a' });
    const onB = await connectWs(b.url, '/ws/chat/budget-b?user_id=budget-user');
    const secondOnB = await connectSocket(b.url, { user_id: 'budget-user', session_id: 'budget-c' });
    const someoneElse = await connectSocket(b.url, { user_id: 'budget-other', session_id: 'budget-d' });
    try {
      await onB.next((f) => f.type === 'connection_established');
      expect(await onA.ack('user_message', { content: 'first on A', message_id: 'bu-1' })).toMatchObject({ accepted: true });
      await onA.turn('bu-1');
      onB.send({ type: 'user_message', content: 'second, plain socket on B', message_id: 'bu-2' });
      expect(await onB.next(finalOf('bu-2'))).toMatchObject({ type: 'assistant_response', is_final: true });
      expect(await secondOnB.ack('user_message', { content: 'third, Socket.IO on B', message_id: 'bu-3' })).toMatchObject({ accepted: true });
      await secondOnB.turn('bu-3');

      // The fourth, on any of them, is over the user's budget; the connections stay usable.
      const refused = await onA.ack('user_message', { content: 'fourth on A', message_id: 'bu-4' });
      expect(refused.error).toMatchObject({ error_code: 'RATE_LIMITED', details: { retry_after_s: expect.any(Number) } });
      const seen = onB.frames.length;
      onB.send({ type: 'user_message', content: 'fifth on B', message_id: 'bu-5' });
      expect(await onB.next((f) => f.type === 'error', seen)).toMatchObject({ error_code: 'RATE_LIMITED' });
      onB.send({ type: 'ping' });
      await onB.next((f) => f.type === 'pong');
      expect(onA.socket.connected).toBe(true);
      expect(await someoneElse.ack('user_message', { content: 'my own budget', message_id: 'bo-1' })).toMatchObject({ accepted: true });
    } finally {
      for (const client of [onA, onB, secondOnB, someoneElse]) client.close();
    }
  });
});

describe('chat with Redis configured but unreachable', () => {
  let app: ChatTestApp;
  beforeAll(async () => {
    app = await startChatApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => app.close());

  it('fails turns fast with a clear error, keeps serving, and reports not ready', async () => {
    // A dependency down is a 503 the client may retry, not a 500 (protocol.md keeps those for bugs).
    const res = await request(app.url).post('/api/v1/chat/message').send({ message: 'hi', user_id: 'u-nored' }).expect(503);
    expect(res.body).toMatchObject({ error_code: 'LLM_UNAVAILABLE', message: expect.stringContaining('try again') });
    const client = await connectSocket(app.url, { user_id: 'u-nored' });
    try {
      const ack = await client.ack('user_message', { content: 'hola, ¿qué partidos hay hoy?', language: 'es' });
      expect(ack.error).toMatchObject({ error_code: 'LLM_UNAVAILABLE', message: expect.stringContaining('Inténtalo de nuevo') });
    } finally {
      client.close();
    }
    const ready = await request(app.url).get('/health/ready').expect(503);
    expect(ready.body.details.conversation_store).toMatchObject({ status: 'down', store: 'redis' });
    expect(app.agent.calls).toHaveLength(0);
  });
});
