import request from 'supertest';
import type { RunningSimulator } from '../libs/sports-api-simulator/src';
import { SportsQueries } from '../src/sports-api/sports-queries.service';
import type { RunningApp } from './support/app';
import { connectSocket } from './support/fakes/socket-clients';
import { type GeminiTestServer, startGeminiServer } from './support/gemini-server';
import { freePort } from './support/global-setup';
import { eventually, OwnRedis, readinessIs, startFaultyStack, startResilientApp } from './support/resilient-app';

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now()}-${++seq}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('degradation: the sports API goes down, hangs and comes back (real app, offline engine)', () => {
  let stack: Awaited<ReturnType<typeof startFaultyStack>>;
  let sim: RunningSimulator;
  let app: RunningApp;
  beforeAll(async () => {
    stack = await startFaultyStack(400);
    ({ sim, app } = stack);
  });
  afterAll(() => stack?.close());
  afterEach(() => sim.faults.reset());

  const ask = (message: string, user = 'deg-user') =>
    request(app.url).post('/api/v1/chat/message').send({ message, user_id: user, session_id: nextId('deg-s'), message_id: nextId('deg-m') });

  it('answers from the expired cache marked degraded while down, stays ready, then recovers', async () => {
    const question = 'What are the odds for Arsenal vs Chelsea?';
    // The first message also loads the team catalogue the NLU resolves names with; the second
    // then makes exactly the upstream calls the degraded one will need from the cache.
    await ask(question).expect(200);
    // The stack's 400 ms sports-API timeout can be missed on a busy CI machine, which answers that
    // warm-up turn degraded and leaves the cache cold: warm up until one turn was served fresh.
    let warm = await ask(question).expect(200);
    await eventually(async () => {
      if (warm.body.degraded === undefined) return true;
      warm = await ask(question).expect(200);
      return warm.body.degraded === undefined;
    }, 'a warm-up answer served from a fresh sports API');
    expect(warm.body.entities.teams).toEqual(['Arsenal', 'Chelsea']);
    expect(warm.body.degraded).toBeUndefined();
    expect(warm.body.function_calls_made).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'get_odds', status: 'ok' })]));

    sim.faults.set({ down: true });
    await sleep(1100); // the odds and fixtures entries (TTL 1 s) are now expired
    const degraded = await ask(question).expect(200);
    expect(degraded.body.degraded).toBe(true);
    // The same prices as before: served from the last good value, not invented.
    const prices = (text: string) => text.match(/\d+\.\d{2}/g) ?? [];
    expect(prices(degraded.body.message).length).toBeGreaterThan(0);
    expect(prices(degraded.body.message)).toEqual(prices(warm.body.message));

    // /health shows the outage; readiness does not, since this instance still answers (degraded).
    const health = await request(app.url).get('/health').expect(503);
    expect(health.body.details.sports_api.status).toBe('down');
    await request(app.url).get('/health/ready').expect(200);
    await request(app.url).get('/health/live').expect(200);

    sim.faults.reset();
    await eventually(async () => (await request(app.url).get('/health')).status === 200, '/health 200 after the API recovered');
    const recovered = await ask(question).expect(200);
    expect(recovered.body.degraded).toBeUndefined();
  });

  it('answers a clear SPORTS_API_UNAVAILABLE (never a 500) when nothing is cached', async () => {
    sim.faults.set({ down: true });
    // Balance is never cached: there is nothing to fall back on.
    const res = await ask('What is my balance?', 'deg-nocache');
    expect(res.status).not.toBe(500);
    if (res.status === 200) {
      expect(res.body.degraded).toBe(true);
      expect(res.body.function_calls_made).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'error' })]));
    } else {
      expect(res.status).toBe(503);
      expect(res.body.error_code).toBe('SPORTS_API_UNAVAILABLE');
    }
  });

  it.each([
    ['is slower than the timeout', { latencyMs: 1500 }],
    ['hangs', { hang: true }],
  ])('ends a Socket.IO turn with one final or error when the API %s (no hung socket)', async (_, faults) => {
    sim.faults.set(faults);
    const client = await connectSocket(app.url, { user_id: 'deg-sio' });
    try {
      const messageId = nextId('deg-sio-m');
      // The balance is never cached: the call has to reach the API and wait for it.
      const ack = await client.ack('user_message', { content: 'What is my balance?', message_id: messageId });
      expect(ack).toMatchObject({ accepted: true });
      const frames = await client.turn(messageId);
      const endings = frames.filter((f) => f.event === 'error' || (f.event === 'assistant_response' && f.is_final));
      expect(endings).toHaveLength(1);
      if (endings[0].event === 'error') expect(endings[0].error_code).toBe('SPORTS_API_UNAVAILABLE');
      else {
        expect(endings[0].degraded).toBe(true);
        expect(frames.filter((f) => f.event === 'tool_call' && f.status === 'error').length).toBeGreaterThan(0);
      }
    } finally {
      client.close();
    }
  });
});

describe('degradation: Redis goes away and comes back', () => {
  let redis: OwnRedis;
  let app: RunningApp;
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    app = await startResilientApp({ REDIS_URL: redis.url, CHATBET_API_BASE_URL: undefined, LLM_PROVIDER: 'offline', GOOGLE_API_KEY: undefined });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  const ask = (message: string) =>
    request(app.url).post('/api/v1/chat/message').send({ message, user_id: 'red-user', session_id: nextId('red-s'), message_id: nextId('red-m') });

  it('stays live, reports not ready, keeps the cache in memory, fails chat clearly, and recovers', async () => {
    await request(app.url).get('/health/ready').expect(200);
    await ask('When does Arsenal play next?').expect(200);

    await redis.stop();
    await eventually(readinessIs(app.url, 503), 'readiness 503 with Redis gone');
    await request(app.url).get('/health/live').expect(200);

    // The sports cache falls back to memory: queries still answer, and a repeat is a cache hit.
    const queries = app.app.get(SportsQueries);
    const fixtures = await queries.fixtures({ teams: ['Chelsea'], language: 'pt_br' });
    expect(fixtures.data.length).toBeGreaterThan(0);
    expect(fixtures.stale).toBe(false);

    // Chat state needs Redis: a clear error body, answered (not hung), on REST and Socket.IO.
    const failed = await ask('When does Chelsea play next?');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body).toMatchObject({ error_code: expect.any(String), message: expect.stringMatching(/unavailable/i) });
    expect(JSON.stringify(failed.body)).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
    const client = await connectSocket(app.url, { user_id: 'red-sio' });
    try {
      const ack = await client.ack('user_message', { content: 'hello', message_id: nextId('red-sio') });
      expect(ack.error).toMatchObject({ error_code: expect.any(String), message: expect.stringMatching(/unavailable/i) });
    } finally {
      client.close();
    }

    await redis.start();
    await eventually(readinessIs(app.url, 200), 'readiness 200 once Redis is back');
    const answered = await ask('When does Barcelona play next?').expect(200);
    expect(answered.body.message.length).toBeGreaterThan(0);
  });
});

describe('LLM errors keep the session usable (Gemini protocol server)', () => {
  let gemini: GeminiTestServer;
  let app: RunningApp;
  beforeAll(async () => {
    gemini = await startGeminiServer();
    app = await startResilientApp({
      LLM_PROVIDER: 'gemini',
      GOOGLE_API_KEY: 'test',
      GEMINI_BASE_URL: gemini.url,
      LLM_TIMEOUT_MS: '1000',
      LLM_MAX_RETRIES: '0',
      CHATBET_API_BASE_URL: undefined,
    });
  });
  afterAll(async () => {
    await app?.close();
    await gemini?.stop();
  });

  it('sends LLM_UNAVAILABLE, then LLM_TIMEOUT, then answers on the same connection and session', async () => {
    const client = await connectSocket(app.url, { user_id: 'llm-user', session_id: 'llm-session' });
    try {
      const send = async (content: string) => {
        const messageId = nextId('llm-m');
        expect(await client.ack('user_message', { content, message_id: messageId })).toMatchObject({ accepted: true });
        return client.turn(messageId);
      };
      gemini.always({ kind: 'status', status: 500, message: 'internal' });
      const unavailable = await send('Tell me about football betting');
      expect(unavailable.filter((f) => f.event === 'error')).toEqual([expect.objectContaining({ error_code: 'LLM_UNAVAILABLE' })]);

      gemini.always({ kind: 'hang' });
      const timedOut = await send('Tell me about tennis betting');
      expect(timedOut.filter((f) => f.event === 'error')).toEqual([expect.objectContaining({ error_code: 'LLM_TIMEOUT' })]);

      gemini.always({ kind: 'stream', chunks: [{ text: 'Back online, ' }, { text: 'ask me anything.' }] });
      const answered = await send('Tell me about basketball betting');
      const finals = answered.filter((f) => f.event === 'assistant_response' && f.is_final);
      expect(finals).toHaveLength(1);
      expect(finals[0].content).toBe('Back online, ask me anything.');
      expect(answered.some((f) => f.event === 'error')).toBe(false);
    } finally {
      client.close();
    }
  });
});
