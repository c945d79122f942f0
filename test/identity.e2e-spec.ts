import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import type { BetProposal } from '../src/common/protocol';
import { SportsApi } from '../src/sports-api/sports-api.port';
import { type RunningApp, startApp } from './support/app';
import { connectSocket, connectWs, type Frame } from './support/fakes/socket-clients';
import { freshRedisDb } from './support/redis';
import { waitForCatalogue } from './support/slip-app';

/**
 * Bettor identity through the real app (offline engine, embedded simulator, Redis state): with user
 * tokens, the user is the token's subject on REST, Socket.IO and the plain WebSocket, a payload
 * naming another user is 403 FORBIDDEN, bad tokens are 401, and each user's balance and bets use
 * their own sportsbook account. The messages are this file's own wording.
 */

const SECRET = 'identity-e2e-secret-0123456789-abcdefghij';
const ISSUER = 'https://login.identity-e2e.example';
const AUDIENCE = 'chatbet-identity-e2e';
const hsKey = (secret = SECRET) => new TextEncoder().encode(secret);

interface TokenOptions {
  sub: string;
  account?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  secret?: string;
}

function hsToken({ sub, account, iss = ISSUER, aud = AUDIENCE, expiresIn = 600, secret }: TokenOptions): Promise<string> {
  return new SignJWT(account ? { sportsbook_key: account } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(hsKey(secret));
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

type ChatBody = { message: string; session_id: string; bet_proposal?: BetProposal };

const refusalOf = (promise: Promise<{ close(): void }>) =>
  promise.then(
    (client) => {
      client.close();
      return 'connected';
    },
    (error: { data?: { error_code?: string } }) => error.data?.error_code ?? 'no code',
  );

describe('bettor identity with HS256 user tokens (real app, Redis, embedded simulator)', () => {
  let running: RunningApp;
  let alice: string;
  let bob: string;
  let aliceProposal: BetProposal;
  const aliceSession = 'id-alice-s1';

  beforeAll(async () => {
    running = await startApp({
      USER_TOKEN_SECRET: SECRET,
      USER_TOKEN_ISSUER: ISSUER,
      USER_TOKEN_AUDIENCE: AUDIENCE,
      REDIS_URL: await freshRedisDb(),
      LLM_PROVIDER: 'offline',
      GOOGLE_API_KEY: undefined,
      CHATBET_API_BASE_URL: undefined,
    });
    await waitForCatalogue(running);
    alice = await hsToken({ sub: 'id-alice', account: 'acct-alice' });
    bob = await hsToken({ sub: 'id-bob', account: 'acct-bob' });
    const res = await request(running.url)
      .post('/api/v1/chat/message')
      .set('authorization', `Bearer ${alice}`)
      .send({ user_id: 'id-alice', session_id: aliceSession, message: 'put 18 on Arsenal to win' })
      .expect(200);
    aliceProposal = (res.body as ChatBody).bet_proposal!;
    expect(aliceProposal).toBeDefined();
  }, 60_000);
  afterAll(() => running?.close());

  const api = () => request(running.url);
  const wallet = (userKey: string) => running.app.get(SportsApi).getBalance({ userKey });

  describe('over REST', () => {
    it('refuses a missing, forged, expired, wrong-audience or wrong-issuer token with 401', async () => {
      const bad = [
        undefined,
        await hsToken({ sub: 'id-alice', secret: 'a-different-secret-of-the-same-length-xyz' }),
        await hsToken({ sub: 'id-alice', expiresIn: -300 }),
        await hsToken({ sub: 'id-alice', aud: 'another-service' }),
        await hsToken({ sub: 'id-alice', iss: 'https://login.elsewhere.example' }),
        'not-a-token',
      ];
      for (const token of bad) {
        const call = api().get('/api/v1/chat/conversations/id-alice');
        const res = await (token ? call.set('authorization', `Bearer ${token}`) : call).expect(401);
        expect(res.body.error_code).toBe('UNAUTHORIZED');
      }
    });

    it('answers 403 FORBIDDEN when the body or path names another user', async () => {
      const asBob = (r: request.Test) => r.set('authorization', `Bearer ${bob}`);
      const message = await asBob(api().post('/api/v1/chat/message')).send({ user_id: 'id-alice', message: 'how much money do I have' }).expect(403);
      expect(message.body.error_code).toBe('FORBIDDEN');
      expect((await asBob(api().get('/api/v1/chat/conversations/id-alice')).expect(403)).body.error_code).toBe('FORBIDDEN');
      expect((await asBob(api().delete('/api/v1/chat/conversations/id-alice')).expect(403)).body.error_code).toBe('FORBIDDEN');
      const confirm = await asBob(api().post(`/api/v1/bets/${aliceProposal.proposal_id}/confirm`)).send({ user_id: 'id-alice' }).expect(403);
      expect(confirm.body.error_code).toBe('FORBIDDEN');
    });

    it("does not let another user read the session or confirm the proposal under their own id", async () => {
      const asBob = (r: request.Test) => r.set('authorization', `Bearer ${bob}`);
      await asBob(api().get(`/api/v1/chat/conversations/id-bob?session_id=${aliceSession}`)).expect(404);
      await asBob(api().post(`/api/v1/bets/${aliceProposal.proposal_id}/confirm`)).send({ user_id: 'id-bob' }).expect(404);
      const mine = await api()
        .get(`/api/v1/chat/conversations/id-alice?session_id=${aliceSession}`)
        .set('authorization', `Bearer ${alice}`)
        .expect(200);
      expect(mine.body.messages.length).toBeGreaterThan(0);
    });
  });

  describe('over Socket.IO', () => {
    it('refuses bad tokens (UNAUTHORIZED) and a handshake user_id other than the subject (FORBIDDEN)', async () => {
      expect(await refusalOf(connectSocket(running.url, { user_id: 'id-bob' }))).toBe('UNAUTHORIZED');
      expect(await refusalOf(connectSocket(running.url, { token: await hsToken({ sub: 'id-bob', expiresIn: -300 }) }))).toBe('UNAUTHORIZED');
      expect(await refusalOf(connectSocket(running.url, { token: bob, user_id: 'id-alice' }))).toBe('FORBIDDEN');
    });

    it("takes the user from the token and refuses another user's message, history and proposal", async () => {
      const client = await connectSocket(running.url, { token: bob });
      try {
        const foreign = await client.ack<{ error?: { error_code: string } }>('user_message', { content: 'show my balance', user_id: 'id-alice' });
        expect(foreign.error?.error_code).toBe('FORBIDDEN');
        const history = await client.ack<{ error?: { error_code: string } }>('history', { session_id: aliceSession });
        expect(history.error?.error_code).toBe('NOT_FOUND');
        const confirm = await client.ack<{ error?: { error_code: string } }>('confirm_bet', { proposal_id: aliceProposal.proposal_id });
        expect(confirm.error?.error_code).toBe('NOT_FOUND');
        const own = await client.ack<{ accepted?: boolean }>('user_message', { content: 'show my balance', message_id: 'id-bob-sio-1' });
        expect(own.accepted).toBe(true);
        const frames = await client.turn('id-bob-sio-1');
        expect(frames.at(-1)).toMatchObject({ event: 'assistant_response', is_final: true });
      } finally {
        client.close();
      }
    });
  });

  describe('over the plain WebSocket', () => {
    const wsPath = (query: string) => `/ws/chat?${query}`;

    it('closes with 4401 on a bad token and 4403 when ?user_id= is not the subject', async () => {
      const forged = await connectWs(running.url, wsPath(`token=${await hsToken({ sub: 'id-bob', secret: 'a-different-secret-of-the-same-length-xyz' })}`));
      expect((await forged.next((f) => f.type === 'error')).error_code).toBe('UNAUTHORIZED');
      expect((await forged.closed).code).toBe(4401);
      const foreign = await connectWs(running.url, wsPath(`token=${bob}&user_id=id-alice`));
      expect((await foreign.next((f) => f.type === 'error')).error_code).toBe('FORBIDDEN');
      expect((await foreign.closed).code).toBe(4403);
    });

    it("takes the user from ?token= (or the Authorization header) and refuses another user's frames and proposal", async () => {
      const viaHeader = await connectWs(running.url, wsPath(''), { authorization: `Bearer ${bob}` });
      expect((await viaHeader.next((f) => f.type === 'connection_established')).user_id).toBe('id-bob');
      viaHeader.close();

      const ws = await connectWs(running.url, wsPath(`token=${bob}`));
      try {
        expect((await ws.next((f) => f.type === 'connection_established')).user_id).toBe('id-bob');
        let from = ws.frames.length;
        ws.send({ type: 'user_message', content: 'show my balance', user_id: 'id-alice' });
        expect((await ws.next((f) => f.type === 'error', from)).error_code).toBe('FORBIDDEN');
        from = ws.frames.length;
        ws.send({ type: 'confirm_bet', proposal_id: aliceProposal.proposal_id });
        expect((await ws.next((f: Frame) => f.type === 'error', from)).error_code).toBe('NOT_FOUND');
      } finally {
        ws.close();
      }
    });
  });

  describe('on the live updates socket (/ws/sports-updates)', () => {
    it('asks the same credentials as /ws/chat: none or a forged token is 4401, another ?user_id= is 4403, the token is enough', async () => {
      const none = await connectWs(running.url, '/ws/sports-updates');
      expect((await none.next((f) => f.type === 'error')).error_code).toBe('UNAUTHORIZED');
      expect((await none.closed).code).toBe(4401);
      const forged = await connectWs(running.url, `/ws/sports-updates?token=${await hsToken({ sub: 'id-bob', secret: 'a-different-secret-of-the-same-length-xyz' })}`);
      expect((await forged.closed).code).toBe(4401);
      const foreign = await connectWs(running.url, `/ws/sports-updates?token=${bob}&user_id=id-alice`);
      expect((await foreign.next((f) => f.type === 'error')).error_code).toBe('FORBIDDEN');
      expect((await foreign.closed).code).toBe(4403);

      const ws = await connectWs(running.url, '/ws/sports-updates', { authorization: `Bearer ${bob}` });
      try {
        await ws.next((f) => f.type === 'connection_established');
        ws.send({ type: 'ping' });
        await ws.next((f) => f.type === 'pong');
      } finally {
        ws.close();
      }
    });
  });

  describe('sportsbook accounts', () => {
    it("places a bet on the token's own account only: the two users' balances part ways", async () => {
      const [aliceBefore, bobBefore] = await Promise.all([wallet('acct-alice'), wallet('acct-bob')]);
      // The simulator knows each key as a different user.
      expect(aliceBefore.userId).not.toBe(bobBefore.userId);

      const placed = await api()
        .post(`/api/v1/bets/${aliceProposal.proposal_id}/confirm`)
        .set('authorization', `Bearer ${alice}`)
        .send({ user_id: 'id-alice' })
        .expect(200);
      expect(placed.body.bet_id).toEqual(expect.any(String));

      const [aliceAfter, bobAfter] = await Promise.all([wallet('acct-alice'), wallet('acct-bob')]);
      expect(aliceAfter.money).toBeCloseTo(aliceBefore.money - 18, 2);
      expect(bobAfter.money).toBeCloseTo(bobBefore.money, 2);
      expect(placed.body.balance).toBeCloseTo(aliceAfter.playableBalance, 2);

      // And the chat reads each user's own wallet: their balance answers differ now.
      const balanceAnswer = async (token: string, user: string) =>
        (
          await api()
            .post('/api/v1/chat/message')
            .set('authorization', `Bearer ${token}`)
            .send({ user_id: user, message: 'how much money is in my account' })
            .expect(200)
        ).body as ChatBody & { function_calls_made: Array<{ name: string }> };
      const [aliceSays, bobSays] = await Promise.all([balanceAnswer(alice, 'id-alice'), balanceAnswer(bob, 'id-bob')]);
      expect(aliceSays.function_calls_made.map((c) => c.name)).toContain('get_user_balance');
      expect(aliceSays.message).not.toEqual(bobSays.message);
    });

    it('without an account claim, the subject is the account', async () => {
      const carol = await hsToken({ sub: 'id-carol' });
      const res = await api().post('/api/v1/chat/message').set('authorization', `Bearer ${carol}`).send({ user_id: 'id-carol', message: 'put 11 on Arsenal to win' }).expect(200);
      const proposal = (res.body as ChatBody).bet_proposal!;
      const before = await wallet('id-carol');
      await api().post(`/api/v1/bets/${proposal.proposal_id}/confirm`).set('authorization', `Bearer ${carol}`).send({ user_id: 'id-carol' }).expect(200);
      expect((await wallet('id-carol')).money).toBeCloseTo(before.money - 11, 2);
    });
  });

  it('counts auth failures by transport and reason in /metrics', async () => {
    const text = (await api().get('/metrics').expect(200)).text;
    for (const line of [
      /chatbet_auth_failures_total\{transport="rest",reason="missing"\} [1-9]/,
      /chatbet_auth_failures_total\{transport="rest",reason="token_expired"\} [1-9]/,
      /chatbet_auth_failures_total\{transport="rest",reason="token"\} [1-9]/,
      /chatbet_auth_failures_total\{transport="rest",reason="forbidden"\} [1-9]/,
      /chatbet_auth_failures_total\{transport="socketio",reason="forbidden"\} [1-9]/,
      /chatbet_auth_failures_total\{transport="ws",reason="forbidden"\} [1-9]/,
    ]) {
      expect(text).toMatch(line);
    }
  });

  it('keeps the development token endpoint outside production, signing with the configured secret', async () => {
    const res = await api().post('/api/v1/dev/token').expect(200);
    expect(res.body).toEqual({ token: expect.any(String), token_type: 'Bearer', user_id: expect.stringMatching(/^anon-/), expires_at: expect.any(String) });
    const mine = await api().get(`/api/v1/chat/conversations/${res.body.user_id}`).set('authorization', `Bearer ${res.body.token}`).expect(200);
    expect(mine.body.sessions).toEqual([]);
  });
});

describe('user tokens from a JWKS URL (ES256, local identity provider)', () => {
  let jwks: Server;
  let running: RunningApp;
  let privateKey: SigningKey;
  let strangerKey: SigningKey;

  const es256 = (sub: string, key: SigningKey, kid = 'e2e-key-1') =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'e2e-key-1', alg: 'ES256', use: 'sig' };
    jwks = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    running = await startApp({
      USER_TOKEN_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
      USER_TOKEN_ISSUER: ISSUER,
      USER_TOKEN_AUDIENCE: AUDIENCE,
      LLM_PROVIDER: 'offline',
      GOOGLE_API_KEY: undefined,
      CHATBET_API_BASE_URL: undefined,
    });
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it("accepts the provider's tokens and refuses another key's, an HS256 token and no token", async () => {
    const history = (token?: string) => {
      const call = request(running.url).get('/api/v1/chat/conversations/jwks-user');
      return token ? call.set('authorization', `Bearer ${token}`) : call;
    };
    await history(await es256('jwks-user', privateKey)).expect(200);
    await history(await es256('jwks-user', strangerKey)).expect(401);
    await history(await es256('jwks-user', strangerKey, 'unknown-kid')).expect(401);
    await history(await hsToken({ sub: 'jwks-user' })).expect(401);
    await history().expect(401);
    await history(await es256('someone-else', privateKey)).expect(403);
  });

  it('checks the same tokens on the Socket.IO handshake', async () => {
    expect(await refusalOf(connectSocket(running.url, { token: await es256('jwks-user', privateKey) }))).toBe('connected');
    expect(await refusalOf(connectSocket(running.url, { token: await es256('jwks-user', strangerKey) }))).toBe('UNAUTHORIZED');
  });

  it('has no development token endpoint: the identity provider signs', async () => {
    await request(running.url).post('/api/v1/dev/token').expect(404);
  });
});

describe('configuration decides the mode', () => {
  it('production has no development token endpoint', async () => {
    const running = await startApp({
      ENVIRONMENT: 'production',
      USER_TOKEN_SECRET: SECRET,
      CORS_ORIGINS: 'https://book.identity-e2e.example',
      LLM_PROVIDER: 'offline',
      GOOGLE_API_KEY: undefined,
      CHATBET_API_BASE_URL: undefined,
    });
    try {
      await request(running.url).post('/api/v1/dev/token').expect(404);
      const token = await hsToken({ sub: 'prod-user', iss: 'ignored-when-unset', aud: 'ignored-when-unset' });
      await request(running.url).get('/api/v1/chat/conversations/prod-user').set('authorization', `Bearer ${token}`).expect(200);
      await request(running.url).get('/api/v1/chat/conversations/prod-user').expect(401);
    } finally {
      await running.close();
    }
  });

  it('production refuses to boot with neither user tokens nor API keys', async () => {
    await expect(
      startApp({ ENVIRONMENT: 'production', CORS_ORIGINS: 'https://book.identity-e2e.example', API_KEYS: undefined, USER_TOKEN_SECRET: undefined }),
    ).rejects.toThrow(/API_KEYS or user tokens/);
  });

  it('with nothing configured (development default), the page-style token works and requests without one are served as before', async () => {
    const running = await startApp({ LLM_PROVIDER: 'offline', GOOGLE_API_KEY: undefined, CHATBET_API_BASE_URL: undefined, API_KEYS: undefined });
    try {
      const { body } = await request(running.url).post('/api/v1/dev/token').expect(200);
      const client = await connectSocket(running.url, { token: body.token });
      client.close();
      expect(await refusalOf(connectSocket(running.url, { token: body.token, user_id: 'someone-else' }))).toBe('FORBIDDEN');
      await request(running.url).get('/api/v1/chat/conversations/plain-user').expect(200);
      await request(running.url).get('/api/v1/chat/conversations/plain-user').set('authorization', 'Bearer forged.token.value').expect(401);
    } finally {
      await running.close();
    }
  });
});
