import { SignJWT, UnsecuredJWT } from 'jose';
import { JoseUserTokenVerifier, TokenRejectedError } from './user-token.verifier';

const SECRET = 'unit-test-secret-that-is-long-enough-1234';
const key = (secret = SECRET) => new TextEncoder().encode(secret);

function verifier(overrides: Record<string, unknown> = {}) {
  const userTokens = {
    secret: SECRET,
    jwksUrl: undefined,
    issuer: 'https://id.example',
    audience: 'chatbet',
    clockSkewSeconds: 30,
    accountClaim: 'sportsbook_key',
    required: true,
    ...overrides,
  };
  return new JoseUserTokenVerifier({ userTokens } as never);
}

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, options: { sub?: string; iss?: string; aud?: string; exp?: number; secret?: string } = {}) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? 'alice')
    .setIssuer(options.iss ?? 'https://id.example')
    .setAudience(options.aud ?? 'chatbet')
    .setExpirationTime(options.exp ?? now() + 600);
  return jwt.sign(key(options.secret));
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof TokenRejectedError ? error.reason : `other: ${(error as Error).message}`;
  }
}

describe('JoseUserTokenVerifier', () => {
  it('gives the subject and the account claim of a valid token', async () => {
    await expect(verifier().verify(await token({ sportsbook_key: 'key-of-alice' }))).resolves.toEqual({
      userId: 'alice',
      accountKey: 'key-of-alice',
    });
  });

  it('falls back to the subject when the account claim is missing or unusable, and reads a numeric one', async () => {
    await expect(verifier().verify(await token())).resolves.toEqual({ userId: 'alice', accountKey: 'alice' });
    await expect(verifier().verify(await token({ sportsbook_key: '' }))).resolves.toMatchObject({ accountKey: 'alice' });
    await expect(verifier().verify(await token({ sportsbook_key: { nested: true } }))).resolves.toMatchObject({ accountKey: 'alice' });
    await expect(verifier().verify(await token({ sportsbook_key: 4242 }))).resolves.toMatchObject({ accountKey: '4242' });
  });

  it('reads the configured claim name', async () => {
    const custom = verifier({ accountClaim: 'wallet' });
    await expect(custom.verify(await token({ wallet: 'w-9', sportsbook_key: 'ignored' }))).resolves.toMatchObject({ accountKey: 'w-9' });
  });

  it('refuses an expired token as token_expired, but tolerates the clock skew', async () => {
    expect(await reason(verifier().verify(await token({}, { exp: now() - 120 })))).toBe('token_expired');
    expect(await reason(verifier().verify(await token({}, { exp: now() - 5 })))).toBe('accepted');
    expect(await reason(verifier({ clockSkewSeconds: 0 }).verify(await token({}, { exp: now() - 5 })))).toBe('token_expired');
  });

  it.each<[string, () => Promise<string>]>([
    ['a forged signature', () => token({}, { secret: 'another-secret-that-is-long-enough-9876' })],
    ['a wrong issuer', () => token({}, { iss: 'https://evil.example' })],
    ['a wrong audience', () => token({}, { aud: 'someone-else' })],
    ['an unsigned token (alg none)', async () => new UnsecuredJWT({ sub: 'alice' }).setExpirationTime('10m').encode()],
    ['a subject outside the id charset', () => token({}, { sub: 'alice bob' })],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses %s', async (_, make) => {
    expect(await reason(verifier().verify(await make()))).toBe('token');
  });

  it('refuses a token without exp', async () => {
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('https://id.example').setAudience('chatbet').sign(key());
    expect(await reason(verifier().verify(noExp))).toBe('token');
  });

  it('is disabled without a secret or JWKS URL, and refuses every token then', async () => {
    const off = verifier({ secret: undefined, required: false });
    expect(off.enabled).toBe(false);
    expect(await reason(off.verify(await token()))).toBe('token');
  });
});
