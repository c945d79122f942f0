import request from 'supertest';
import WebSocket from 'ws';
import { type RunningApp, startApp } from './support/app';
import { connectSocket, connectWs } from './support/fakes/socket-clients';

const OFFLINE = { LLM_PROVIDER: 'offline', GOOGLE_API_KEY: undefined, CHATBET_API_BASE_URL: undefined };

/** Resolves 'connected' or the refusal's message; closes the socket either way. */
async function socketIo(url: string, origin?: string): Promise<string> {
  try {
    const client = await connectSocket(url, { user_id: 'origin-u' }, origin ? { extraHeaders: { origin } } : {});
    client.close();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Resolves 'connected' or the HTTP status the upgrade was answered with. */
function plainWs(url: string, origin?: string, path = '/ws/chat?user_id=origin-u'): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, origin ? { origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve('connected');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      ws.terminate();
    });
    ws.once('error', (error) => resolve(error.message));
  });
}

describe('CORS_ORIGINS on every transport (protocol §6)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...OFFLINE, CORS_ORIGINS: 'https://allowed.example' });
  });
  afterAll(() => app?.close());

  it('refuses a Socket.IO handshake from an unlisted origin', async () => {
    expect(await socketIo(app.url, 'https://evil.example')).not.toBe('connected');
  });

  it('refuses a WebSocket upgrade from an unlisted origin with 403', async () => {
    expect(await plainWs(app.url, 'https://evil.example')).toBe('403');
    expect(await plainWs(app.url, 'https://evil.example', '/ws/sports-updates')).toBe('403');
    expect(await plainWs(app.url, 'https://allowed.example', '/ws/sports-updates')).toBe('connected');
  });

  it.each([
    ['a listed origin', 'https://allowed.example'],
    ['no Origin (a non-browser client)', undefined],
    ["the service's own origin (the bundled web page)", 'self'],
  ])('accepts both socket transports from %s', async (_, origin) => {
    const sent = origin === 'self' ? app.url : origin;
    expect(await socketIo(app.url, sent)).toBe('connected');
    expect(await plainWs(app.url, sent)).toBe('connected');
  });

  it('still serves a plain WebSocket chat from a listed origin', async () => {
    const ws = await connectWs(app.url, '/ws/chat?user_id=origin-u', { origin: 'https://allowed.example' });
    ws.close();
    await ws.closed;
  });

  it('answers REST CORS, with credentials, only for a listed origin', async () => {
    const preflight = (origin: string) =>
      request(app.url).options('/api/v1/chat/message').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    const allowed = await preflight('https://allowed.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(denied.headers['access-control-allow-credentials']).toBeUndefined();
    await request(app.url).get('/api/v1/chat/conversations/origin-u').expect(200);
  });
});

describe('the development wildcard', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...OFFLINE, CORS_ORIGINS: undefined });
  });
  afterAll(() => app?.close());

  it('allows any origin but never with credentials', async () => {
    const res = await request(app.url)
      .options('/api/v1/chat/message')
      .set('Origin', 'https://anywhere.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(await socketIo(app.url, 'https://anywhere.example')).toBe('connected');
    expect(await plainWs(app.url, 'https://anywhere.example')).toBe('connected');
  });
});
