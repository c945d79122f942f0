// Auth (`token` header), wallets per user, /place-bet and the combo endpoints.
import { startSimulator, type RunningSimulator } from './index';
import { example, getJson, postJson, shapeOf } from './spec-support';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('sports API simulator: auth', () => {
  let simulator: RunningSimulator;
  let now = NOW;

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => now, tokenTtlMs: 60_000 });
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    now = NOW;
  });

  const newToken = async (): Promise<string> =>
    (await postJson(`${simulator.url}/auth/generate_token`, {})).body.token;

  it('issues opaque tokens without credentials, in the example shape', async () => {
    const response = await fetch(`${simulator.url}/auth/generate_token`, { method: 'POST' });
    const body = (await response.json()) as { token: string };
    expect(response.status).toBe(200);
    expect(shapeOf(body)).toEqual(shapeOf(example('token')));
    expect(body.token).not.toBe(await newToken());
  });

  it('validates the token header and answers 401 with a detail otherwise', async () => {
    const token = await newToken();
    const ok = await getJson(`${simulator.url}/auth/validate_token`, { headers: { token } });
    expect(ok).toEqual({ status: 200, body: example('validate-token') });

    const missing = await getJson(`${simulator.url}/auth/validate_token`);
    expect(missing.status).toBe(401);
    expect(typeof missing.body.detail).toBe('string');
    const bearerOnly = await getJson(`${simulator.url}/auth/validate_token`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearerOnly.status).toBe(401);
    const wrong = await getJson(`${simulator.url}/auth/validate_token`, { headers: { token: 'nope' } });
    expect(wrong).toEqual({ status: 401, body: example('error-401-invalid-token') });
  });

  it('expires tokens after the configured lifetime and on demand', async () => {
    const token = await newToken();
    now = new Date(NOW.getTime() + 59_000);
    expect((await getJson(`${simulator.url}/auth/validate_token`, { headers: { token } })).status).toBe(200);
    now = new Date(NOW.getTime() + 61_000);
    expect((await getJson(`${simulator.url}/auth/validate_token`, { headers: { token } })).status).toBe(401);

    now = NOW;
    const fresh = await newToken();
    simulator.expireTokens();
    expect(
      (await getJson(`${simulator.url}/auth/validate_token`, { headers: { token: fresh } })).status,
    ).toBe(401);
  });

  it('maps userKey to a userId, the demo key to the recorded id, and requires userKey', async () => {
    expect((await getJson(`${simulator.url}/auth/validate_user?userKey=1`)).body).toEqual(
      example('validate-user'),
    );
    const other = await getJson(`${simulator.url}/auth/validate_user?userKey=alice`);
    expect(other.body.status).toBe(true);
    expect(Number.isInteger(other.body.userId)).toBe(true);
    const missing = await getJson(`${simulator.url}/auth/validate_user`);
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['query', 'userKey'] });
  });
});

describe('sports API simulator: wallets and bets', () => {
  let simulator: RunningSimulator;
  let token: string;

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => NOW });
    token = (await postJson(`${simulator.url}/auth/generate_token`, {})).body.token;
  });
  afterAll(() => simulator.close());

  const balanceOf = async (userId: string) =>
    (
      await getJson(`${simulator.url}/auth/get_user_balance?userId=${userId}&userKey=1`, {
        headers: { token },
      })
    ).body;

  const betBody = (userId: string, amount: string, odd = '1.95') => ({
    user: { userKey: '1', id: userId },
    betInfo: {
      amount,
      betId: [{ betId: '2790767811', fixtureId: '27907678', odd, sportId: '1', tournamentId: '566' }],
      source: '1101',
    },
  });

  it('starts every wallet from the recorded balance and needs a token', async () => {
    expect(await balanceOf('500')).toEqual(example('balance'));
    const anonymous = await getJson(`${simulator.url}/auth/get_user_balance?userId=500&userKey=1`);
    expect(anonymous.status).toBe(401);
  });

  it('places a bet: Bet accepted, possibleWin = amount × odd, stake debited from that user only', async () => {
    const { status, body } = await postJson(`${simulator.url}/place-bet`, example('place-bet.request'), {
      token,
    });
    expect(status).toBe(200);
    expect(shapeOf(body)).toEqual(shapeOf(example('place-bet')));
    expect(body.message).toBe('Bet accepted');
    expect(body.possibleWin).toBe(195);
    const after = await balanceOf('1858035947');
    expect(after.money).toBe(4221.77);
    expect(after.playableBalance).toBe(4436.93);
    expect(after.withdrawableBalance).toBe(4221.77);
    expect((await balanceOf('777')).money).toBe(4321.77);

    const odd = await postJson(`${simulator.url}/place-bet`, betBody('778', '12.34', '2.07'), { token });
    expect(odd.body.possibleWin).toBe(25.54);
    expect(odd.body.betId).not.toBe(body.betId);
  });

  it('rejects a stake above the balance with 400 and leaves the wallet alone', async () => {
    const { status, body } = await postJson(`${simulator.url}/place-bet`, betBody('901', '5000'), { token });
    expect(status).toBe(400);
    expect(body).toEqual({ detail: 'Insufficient balance' });
    expect((await balanceOf('901')).money).toBe(4321.77);
    const allIn = await postJson(`${simulator.url}/place-bet`, betBody('901', '4321.77'), { token });
    expect(allIn.status).toBe(200);
    expect((await balanceOf('901')).money).toBe(0);
  });

  it('needs the token header to place a bet', async () => {
    const { status, body } = await postJson(`${simulator.url}/place-bet`, betBody('902', '10'));
    expect(status).toBe(401);
    expect(typeof body.detail).toBe('string');
    expect((await balanceOf('902')).money).toBe(4321.77);
  });

  it('validates the body like FastAPI: 422 with a detail list', async () => {
    const missingUser = { betInfo: { amount: '100', betId: [], source: '1101' } };
    const { status, body } = await postJson(`${simulator.url}/place-bet`, missingUser, { token });
    expect(status).toBe(422);
    expect(body).toEqual(example('error-422-validation'));

    const numeric = betBody('903', '10') as any;
    numeric.betInfo.amount = 10;
    const typed = await postJson(`${simulator.url}/place-bet`, numeric, { token });
    expect(typed.status).toBe(422);
    expect(typed.body.detail).toEqual([
      {
        type: 'string_type',
        loc: ['body', 'betInfo', 'amount'],
        msg: 'Input should be a valid string',
        input: 10,
      },
    ]);

    const noLegs = await postJson(
      `${simulator.url}/place-bet`,
      { ...betBody('903', '10'), betInfo: { amount: '10', betId: [], source: 'x' } },
      { token },
    );
    expect(noLegs.status).toBe(422);
    expect(noLegs.body.detail[0].loc).toEqual(['body', 'betInfo', 'betId']);

    const broken = await postJson(`${simulator.url}/place-bet`, '{"user": ', { token });
    expect(broken.status).toBe(422);
    expect(broken.body.detail[0].type).toBe('json_invalid');
    expect((await balanceOf('903')).money).toBe(4321.77);
  });
});

describe('sports API simulator: combos', () => {
  let simulator: RunningSimulator;
  let token: string;

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => NOW });
    token = (await postJson(`${simulator.url}/auth/generate_token`, {})).body.token;
  });
  afterAll(() => simulator.close());

  const leg = (betId: string, odd: number) => ({
    betId,
    fixtureId: '27907678',
    sportId: '1',
    tournamentId: '566',
    odd,
  });

  it('reproduces the recorded /combo-bet-calculation pair', async () => {
    const { status, body } = await postJson(
      `${simulator.url}/combo-bet-calculation`,
      example('combo-bet-calculation.request'),
    );
    expect(status).toBe(200);
    expect(body).toEqual(example('combo-bet-calculation'));
  });

  it('multiplies leg odds and pays amount × combined odd', async () => {
    const request = { betsInfo: [leg('1', 1.95), leg('2', 1.8), leg('3', 2.1)], amount: 10 };
    const { body } = await postJson(`${simulator.url}/combo-bet-calculation`, request);
    expect(body.odd).toBeCloseTo(1.95 * 1.8 * 2.1, 9);
    expect(body.profit).toBe(73.71);
    expect(body.status).toBe('True');
    const invalid = await postJson(`${simulator.url}/combo-bet-calculation`, {
      betsInfo: [leg('1', 2)],
      amount: 'ten',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0].loc).toEqual(['body', 'amount']);
  });

  it('serves the QA-era combo endpoints in the example shapes', async () => {
    const added = await postJson(`${simulator.url}/add-bet-to-combo`, example('add-bet-to-combo.request'), {
      token,
    });
    expect(added.body).toEqual(example('add-bet-to-combo'));
    const odds = await postJson(`${simulator.url}/get-combo-odds`, example('get-combo-odds.request'), {
      token,
    });
    expect(odds.body).toEqual(example('get-combo-odds'));
    expect(
      (await postJson(`${simulator.url}/get-combo-odds`, example('get-combo-odds.request'))).status,
    ).toBe(401);

    const placed = await postJson(`${simulator.url}/place-combo-bet`, example('place-combo-bet.request'), {
      token,
    });
    expect(shapeOf(placed.body)).toEqual(shapeOf(example('place-combo-bet')));
    expect(placed.body).toMatchObject({ message: 'Bet accepted', odd: 3.51, profit: 175.5 });
    const balance = await getJson(`${simulator.url}/auth/get_user_balance?userId=1858035947&userKey=1`, {
      headers: { token },
    });
    expect(balance.body.money).toBe(4271.77);
  });
});
