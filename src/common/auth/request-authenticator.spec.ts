import { MetricsService } from '../../metrics/metrics.service';
import { ApiKeyVerifier } from './api-key.verifier';
import { bearerToken, RequestAuthenticator } from './request-authenticator';
import { TokenRejectedError, UserTokenVerifier, type VerifiedUser } from './user-token.verifier';

/** A strict stand-in for the token port: knows exactly one good and one expired token. */
class FakeTokens extends UserTokenVerifier {
  constructor(
    readonly enabled: boolean,
    readonly required: boolean,
  ) {
    super();
  }
  async verify(token: string): Promise<VerifiedUser> {
    if (token === 'good') return { userId: 'alice', accountKey: 'alice-key' };
    throw new TokenRejectedError(token === 'old' ? 'token_expired' : 'token');
  }
}

function setup(mode: { tokens: 'off' | 'optional' | 'required'; apiKeys?: string[] }) {
  const metrics = new MetricsService();
  const tokens = new FakeTokens(mode.tokens !== 'off', mode.tokens === 'required');
  const authenticator = new RequestAuthenticator(tokens, new ApiKeyVerifier({ apiKeys: mode.apiKeys ?? [] } as never), metrics);
  const failures = async () => (await metrics.authFailures.get()).values.map((v) => `${v.labels.transport}/${v.labels.reason}=${v.value}`);
  return { authenticator, failures };
}

describe('RequestAuthenticator', () => {
  it('makes a token user act only as the subject, on the account of the token', async () => {
    const { authenticator, failures } = setup({ tokens: 'required' });
    const caller = await authenticator.authenticate({ token: 'good' }, 'rest');
    expect(caller.isUser).toBe(true);
    expect(caller.actAs(undefined)).toBe('alice');
    expect(caller.actAs('alice')).toBe('alice');
    expect(() => caller.actAs('bob')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(caller.accountFor('alice')).toEqual({ userKey: 'alice-key' });
    expect(await failures()).toEqual(['rest/forbidden=1']);
  });

  it('refuses a bad or expired token even when an API key would do, and counts why', async () => {
    const { authenticator, failures } = setup({ tokens: 'required', apiKeys: ['k1'] });
    await expect(authenticator.authenticate({ token: 'forged', apiKey: 'k1' }, 'ws')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticator.authenticate({ token: 'old' }, 'socketio')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await failures()).toEqual(['ws/token=1', 'socketio/token_expired=1']);
  });

  it('with tokens and API keys, a valid API key alone is a trusted client speaking for any user', async () => {
    const { authenticator } = setup({ tokens: 'required', apiKeys: ['k1'] });
    const caller = await authenticator.authenticate({ apiKey: 'k1' }, 'rest');
    expect(caller.isUser).toBe(false);
    expect(caller.actAs('bob')).toBe('bob');
    expect(caller.accountFor('bob')).toEqual({ userId: 'bob' });
  });

  it('refuses a request with neither credential when tokens are required', async () => {
    const { authenticator, failures } = setup({ tokens: 'required' });
    await expect(authenticator.authenticate({}, 'rest')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await failures()).toEqual(['rest/missing=1']);
  });

  it('with only API keys, ignores a bearer token and wants the key', async () => {
    const { authenticator, failures } = setup({ tokens: 'off', apiKeys: ['k1'] });
    await expect(authenticator.authenticate({ token: 'good' }, 'rest')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticator.authenticate({ apiKey: 'nope' }, 'rest')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await failures()).toEqual(['rest/missing=1', 'rest/api_key=1']);
  });

  it('with optional (development) tokens, serves requests without one as before and checks those with one', async () => {
    const { authenticator } = setup({ tokens: 'optional' });
    expect((await authenticator.authenticate({}, 'rest')).isUser).toBe(false);
    expect((await authenticator.authenticate({ token: 'good' }, 'rest')).actAs(undefined)).toBe('alice');
    await expect(authenticator.authenticate({ token: 'forged' }, 'rest')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('bearerToken', () => {
  it('reads only a well-formed Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    for (const other of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b', 'abc']) expect(bearerToken(other)).toBeUndefined();
  });
});
