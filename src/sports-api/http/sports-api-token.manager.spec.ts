import { Logger } from '@nestjs/common';
import { SportsApiClientOptions } from './sports-api-client.options';
import { SportsApiTokenManager } from './sports-api-token.manager';
import type { UpstreamRequest } from './sports-api.transport';
import { UpstreamStatusError } from './upstream-errors';

/** A strict fake of the two auth endpoints; counts calls and lets a test hold a token request open. */
class FakeAuthTransport {
  readonly calls: string[] = [];
  private issued = 0;
  gate?: Promise<void>;

  async send(request: UpstreamRequest): Promise<unknown> {
    this.calls.push(request.path);
    if (request.path === '/auth/validate_user') {
      expect(request.query).toEqual({ userKey: 'key-7' });
      return { status: true, userId: 1858035947 };
    }
    if (request.path === '/auth/generate_token') {
      await this.gate;
      this.issued += 1;
      return { token: `token-${this.issued}` };
    }
    throw new Error(`unexpected ${request.method} ${request.path}`);
  }
}

const options = new SportsApiClientOptions({ userKey: 'key-7' });

describe('SportsApiTokenManager', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('logs in once: validate_user then generate_token, keeping the userId as a string', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    const [a, b] = await Promise.all([tokens.session(), tokens.session()]);
    expect(a).toEqual({ token: 'token-1', userId: '1858035947' });
    expect(b).toBe(a);
    expect(transport.calls).toEqual(['/auth/validate_user', '/auth/generate_token']);
  });

  it('refreshes once on a 401 and retries the call once with the new token', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    const seen: string[] = [];
    const result = await tokens.withToken(async ({ token }) => {
      seen.push(token);
      if (token === 'token-1')
        throw new UpstreamStatusError('GET', '/auth/get_user_balance', 401, 'Invalid token');
      return 'balance';
    });
    expect(result).toBe('balance');
    expect(seen).toEqual(['token-1', 'token-2']);
    expect(transport.calls.filter((p) => p === '/auth/validate_user')).toHaveLength(1);
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    let attempts = 0;
    const call = tokens.withToken(async () => {
      attempts += 1;
      throw new UpstreamStatusError('GET', '/x', 401);
    });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(attempts).toBe(2);
  });

  it('does not refresh on other errors', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    await expect(
      tokens.withToken(async () => {
        throw new UpstreamStatusError('POST', '/place-bet', 400, 'Insufficient balance');
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(transport.calls.filter((p) => p === '/auth/generate_token')).toHaveLength(1);
  });

  it('shares one refresh among concurrent callers that all got a 401', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    await tokens.session();
    let release!: () => void;
    transport.gate = new Promise<void>((resolve) => (release = resolve));
    const used: string[] = [];
    const calls = Array.from({ length: 20 }, () =>
      tokens.withToken(async ({ token }) => {
        used.push(token);
        if (token === 'token-1') throw new UpstreamStatusError('GET', '/auth/get_user_balance', 401);
        return token;
      }),
    );
    // Let every caller fail with the old token before the single refresh completes.
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const results = await Promise.all(calls);
    expect(results.every((t) => t === 'token-2')).toBe(true);
    expect(transport.calls.filter((p) => p === '/auth/generate_token')).toHaveLength(2);
    expect(used.filter((t) => t === 'token-1')).toHaveLength(20);
  });

  it('a caller that still holds the replaced token reuses the fresh one instead of refreshing again', async () => {
    const transport = new FakeAuthTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    const old = await tokens.session();
    const fresh = await tokens.refresh(old);
    expect(await tokens.refresh(old)).toBe(fresh);
    expect(transport.calls.filter((p) => p === '/auth/generate_token')).toHaveLength(2);
  });

  it('tries the login again after a failed one', async () => {
    const transport = new FakeAuthTransport();
    const failing = jest.spyOn(transport, 'send').mockRejectedValueOnce(new Error('down'));
    const tokens = new SportsApiTokenManager(transport, options);
    await expect(tokens.session()).rejects.toThrow('down');
    failing.mockRestore();
    await expect(tokens.session()).resolves.toEqual({ token: 'token-1', userId: '1858035947' });
  });
});

/** validate_user for any key: a fixed id per key, `down` keys fail once. */
class PerKeyTransport {
  readonly asked: string[] = [];
  readonly down = new Set<string>();

  async send(request: UpstreamRequest): Promise<unknown> {
    if (request.path !== '/auth/validate_user') throw new Error(`unexpected ${request.method} ${request.path}`);
    const userKey = String(request.query?.userKey);
    this.asked.push(userKey);
    if (this.down.delete(userKey)) throw new UpstreamStatusError('GET', '/auth/validate_user', 503, 'unavailable');
    return { status: true, userId: userKey === 'alice-key' ? 1001 : 2002 };
  }
}

describe('SportsApiTokenManager.userIdFor (one sportsbook account per user key)', () => {
  it('asks validate_user once per key, even for concurrent callers, and keeps keys apart', async () => {
    const transport = new PerKeyTransport();
    const tokens = new SportsApiTokenManager(transport, options);
    const ids = await Promise.all([tokens.userIdFor('alice-key'), tokens.userIdFor('alice-key'), tokens.userIdFor('bob-key')]);
    expect(ids).toEqual(['1001', '1001', '2002']);
    expect(await tokens.userIdFor('alice-key')).toBe('1001');
    expect(transport.asked.sort()).toEqual(['alice-key', 'bob-key']);
  });

  it('does not keep a failed lookup: the next call asks again', async () => {
    const transport = new PerKeyTransport();
    transport.down.add('alice-key');
    const tokens = new SportsApiTokenManager(transport, options);
    await expect(tokens.userIdFor('alice-key')).rejects.toBeInstanceOf(UpstreamStatusError);
    await expect(tokens.userIdFor('alice-key')).resolves.toBe('1001');
    expect(transport.asked).toEqual(['alice-key', 'alice-key']);
  });
});
