import { io } from 'socket.io-client';
import request from 'supertest';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import { type RunningApp, startApp } from './support/app';
import { type ChildService, startChildService } from './support/child-service';
import { connectSocket, connectWs } from './support/fakes/socket-clients';

const KEY = 'sec-valid-key-4242';

describe('security of headers, handshakes and CORS (real app)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({
      API_KEYS: `${KEY},other-key-9999`,
      CORS_ORIGINS: 'https://allowed.example',
      LLM_PROVIDER: 'offline',
      GOOGLE_API_KEY: undefined,
      CHATBET_API_BASE_URL: undefined,
    });
  });
  afterAll(() => app?.close());

  const history = () => request(app.url).get('/api/v1/chat/conversations/sec-user');

  it.each<[string, (r: request.Test) => request.Test]>([
    ['no x-api-key', (r) => r],
    ['an empty x-api-key', (r) => r.set('x-api-key', '')],
    ['a wrong x-api-key', (r) => r.set('x-api-key', 'nope')],
    ['a prefix of a valid key', (r) => r.set('x-api-key', KEY.slice(0, -1))],
    ['a valid key with extra characters', (r) => r.set('x-api-key', `${KEY}x`)],
    ['the key in Authorization instead', (r) => r.set('authorization', `Bearer ${KEY}`)],
    ['the key as ?api_key= (REST takes the header only)', (r) => r.query({ api_key: KEY })],
  ])('REST refuses %s with 401 UNAUTHORIZED and no detail', async (_, decorate) => {
    const res = await decorate(history()).expect(401);
    expect(res.body).toEqual({ error_code: 'UNAUTHORIZED', message: expect.any(String), correlation_id: expect.any(String) });
  });

  it('REST accepts either configured key, whatever the header name case', async () => {
    await history().set('X-API-KEY', KEY).expect(200);
    await history().set('x-api-key', 'other-key-9999').expect(200);
  });

  it('answers an oversized header with 431 and keeps serving', async () => {
    const res = await history().set('x-api-key', 'k'.repeat(20_000)).catch((e: { response?: request.Response }) => e.response);
    expect(res?.status).toBe(431);
    await request(app.url).get('/health/live').expect(200);
  });

  const refusal = (auth: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    connectSocket(app.url, auth, extra).then(
      (client) => {
        client.close();
        return 'connected';
      },
      (error: { data?: { error_code?: string; message?: string } }) => error.data,
    );

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['no api_key', { user_id: 'sec-u' }, {}, 'UNAUTHORIZED'],
    ['a wrong api_key in auth', { user_id: 'sec-u', api_key: 'nope' }, {}, 'UNAUTHORIZED'],
    ['a wrong api_key in the query', { user_id: 'sec-u' }, { query: { api_key: 'nope' } }, 'UNAUTHORIZED'],
    ['a wrong x-api-key header', { user_id: 'sec-u' }, { extraHeaders: { 'x-api-key': 'nope' } }, 'UNAUTHORIZED'],
    ['a non-string api_key', { user_id: 'sec-u', api_key: 42 }, {}, 'UNAUTHORIZED'],
    ['no user_id', { api_key: KEY }, {}, 'INVALID_MESSAGE'],
    ['a numeric user_id', { api_key: KEY, user_id: 12345 }, {}, 'INVALID_MESSAGE'],
    ['a user_id with markup', { api_key: KEY, user_id: '<script>' }, {}, 'INVALID_MESSAGE'],
    ['an overlong user_id', { api_key: KEY, user_id: 'u'.repeat(500) }, {}, 'INVALID_MESSAGE'],
    ['a session_id with spaces', { api_key: KEY, user_id: 'sec-u', session_id: 'a b' }, {}, 'INVALID_MESSAGE'],
  ])('Socket.IO handshake with %s gets connect_error {error_code}', async (_, auth, extra, code) => {
    const data = await refusal(auth, extra);
    expect(data).toMatchObject({ error_code: code, message: expect.any(String) });
    expect(JSON.stringify(data)).not.toMatch(/\bat \S+:\d+|node_modules/);
  });

  it('accepts the key in auth, query or header', async () => {
    expect(await refusal({ user_id: 'sec-u', api_key: KEY })).toBe('connected');
    expect(await refusal({ user_id: 'sec-u' }, { query: { api_key: KEY } })).toBe('connected');
    expect(await refusal({ user_id: 'sec-u' }, { extraHeaders: { 'x-api-key': KEY } })).toBe('connected');
  });

  it.each(['/ws/chat?api_key=nope&user_id=sec-u', '/ws/sports-updates?api_key=nope'])(
    'refuses a wrong key on the plain WebSocket (%s) with an UNAUTHORIZED frame and close 4401',
    async (path) => {
      const ws = await connectWs(app.url, path);
      const frame = await ws.next((f) => f.type === 'error');
      expect(frame.error_code).toBe('UNAUTHORIZED');
      expect((await ws.closed).code).toBe(4401);
    },
  );

  it('echoes an allowed CORS origin and not a disallowed one', async () => {
    const allowed = await request(app.url)
      .options('/api/v1/chat/message')
      .set('Origin', 'https://allowed.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-api-key');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example');
    expect(allowed.headers['access-control-allow-headers'] ?? '').toMatch(/x-api-key/i);

    const denied = await request(app.url)
      .options('/api/v1/chat/message')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(app.url).get('/health/live').set('Origin', 'https://evil.example').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

/** The production process at debug level: no configured secret in any log line or response. */
describe('no secrets or stack traces in logs and responses (child process, LOG_LEVEL=debug)', () => {
  const SECRETS = {
    API_KEYS: 'apikey-SECRET-7f3a9c21',
    GOOGLE_API_KEY: 'AIzaSECRET-google-55e1d0',
    SECRET_KEY: 'secretkey-SECRET-b04d77',
  };
  let sim: RunningSimulator;
  let service: ChildService;
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
    service = await startChildService({
      ...SECRETS,
      ENVIRONMENT: 'production',
      CORS_ORIGINS: 'https://app.example',
      LOG_LEVEL: 'debug',
      LLM_PROVIDER: 'offline',
      CHATBET_API_BASE_URL: sim.url,
    });
  }, 60_000);
  afterAll(async () => {
    service?.kill();
    await service?.exited;
    await sim?.close();
  });

  it('never prints the configured keys, whichever way they are sent, and answers errors without stacks', async () => {
    const key = SECRETS.API_KEYS;
    const bodies: string[] = [];
    const keep = (res: request.Response) => {
      bodies.push(JSON.stringify({ headers: res.headers, body: res.body, text: res.text }));
      return res;
    };
    keep(await request(service.url).post('/api/v1/chat/message').set('x-api-key', key).send({ message: 'What are the odds for Arsenal vs Chelsea?', user_id: 'leak-u' }).expect(200));
    keep(await request(service.url).post('/api/v1/chat/message').query({ api_key: key }).send({ message: 'hi', user_id: 'leak-u' }).expect(401));
    keep(await request(service.url).post('/api/v1/chat/message').set('x-api-key', `${key}-wrong`).send({ message: 'hi', user_id: 'leak-u' }).expect(401));
    keep(await request(service.url).post('/api/v1/chat/message').set('x-api-key', key).set('content-type', 'application/json').send('{"message": broken').expect(400));
    keep(await request(service.url).post('/api/v1/chat/message').set('x-api-key', key).send({ message: '', user_id: `bad user ${key}` }).expect(400));
    keep(await request(service.url).get(`/api/v1/nothing-here?api_key=${key}&token=${SECRETS.SECRET_KEY}`).set('x-api-key', key).expect(404));
    keep(await request(service.url).get('/health/ready').set('authorization', `Bearer ${SECRETS.GOOGLE_API_KEY}`));
    keep(await request(service.url).get('/metrics'));

    // Socket.IO with the key in auth, query and header; a refused one; a turn with a tool call.
    for (const extra of [{ auth: { user_id: 'leak-sio', api_key: key } }, { auth: { user_id: 'leak-sio2' }, query: { api_key: key } }]) {
      const client = await connectSocket(service.url, extra.auth, 'query' in extra ? { query: extra.query } : {});
      const ack = await client.ack('user_message', { content: 'When does Barcelona play next?', message_id: `leak-${Math.random()}` });
      expect(ack).toMatchObject({ accepted: true });
      await client.turn(ack.message_id);
      bodies.push(JSON.stringify(client.events));
      client.close();
    }
    const refused = await new Promise<unknown>((resolve) => {
      const socket = io(`${service.url}/chat`, { transports: ['websocket'], auth: { user_id: 'x', api_key: `${key}0` }, reconnection: false, forceNew: true });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve((error as { data?: unknown }).data);
      });
    });
    bodies.push(JSON.stringify(refused));
    const ws = await connectWs(service.url, `/ws/chat?api_key=${key}&user_id=leak-ws`);
    ws.send({ type: 'ping' });
    await ws.next((f) => f.type === 'pong');
    ws.close();

    const responses = bodies.join('\n');
    for (const secret of Object.values(SECRETS)) expect(responses).not.toContain(secret);
    expect(responses).not.toMatch(/\bat \S+ \(|\.ts:\d+:\d+|node_modules/);

    // Give the last request log lines a moment to be written, then grep everything the process printed.
    await request(service.url).get('/health/live');
    const logs = service.output();
    expect(logs).toContain('[REDACTED]'); // the keys did reach the request log lines, masked
    for (const [name, secret] of Object.entries(SECRETS)) {
      const leaking = logs.split('\n').filter((line) => line.includes(secret));
      expect({ name, leaking }).toEqual({ name, leaking: [] });
    }
  });
});
