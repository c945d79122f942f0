import request from 'supertest';
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
