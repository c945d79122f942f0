import request from 'supertest';
import WebSocket from 'ws';
import { connectSocket } from './support/fakes/socket-clients';
import { type RunningApp, startApp } from './support/app';

const OFFLINE = { LLM_PROVIDER: 'offline', GOOGLE_API_KEY: undefined, CHATBET_API_BASE_URL: undefined };

/** Status codes of `count` REST calls, each claiming a different client in X-Forwarded-For. */
async function spoofedCalls(app: RunningApp, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request(app.url).get('/api/v1/chat/conversations/limit-u').set('X-Forwarded-For', `203.0.113.${i + 1}`);
    statuses.push(res.status);
  }
  return statuses;
}

describe('REST per-IP limit and proxy trust', () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is unset, so varying it does not dodge the limit', async () => {
    app = await startApp({ ...OFFLINE, RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: undefined });
    expect(await spoofedCalls(app, 5)).toEqual([200, 200, 200, 429, 429]);
  });

  it('counts each forwarded client separately when the proxy in front is trusted', async () => {
    app = await startApp({ ...OFFLINE, RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
    expect(await spoofedCalls(app, 5)).toEqual([200, 200, 200, 200, 200]);
  });
});

/** 'open' or the HTTP status a /ws/chat upgrade was answered with. */
function upgrade(app: RunningApp, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/ws/chat?user_id=hs-u`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      ws.terminate();
    });
    ws.on('error', () => undefined); // terminate() before open reports an error; the status is what counts
  });
}

async function handshake(app: RunningApp): Promise<string> {
  try {
    (await connectSocket(app.url, { user_id: 'hs-u' })).close();
    return 'connected';
  } catch {
    return 'refused';
  }
}

describe('handshakes per client address (SOCKET_CONNECTIONS_PER_MINUTE)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...OFFLINE, SOCKET_CONNECTIONS_PER_MINUTE: '3' });
  });
  afterAll(() => app?.close());

  it('refuses handshakes and upgrades past the budget, whatever X-Forwarded-For says', async () => {
    expect(await handshake(app)).toBe('connected');
    expect(await handshake(app)).toBe('connected');
    expect(await upgrade(app, { 'x-forwarded-for': '198.51.100.7' })).toBe('open');
    expect(await upgrade(app, { 'x-forwarded-for': '198.51.100.8' })).toBe('429');
    expect(await handshake(app)).toBe('refused');
  });
});
