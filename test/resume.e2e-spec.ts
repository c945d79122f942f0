import request from 'supertest';
import { FakeAgent } from './support/fake-agent';
import { FakeSportsApi } from './support/fakes/fake-sports-api';
import { startChatApp, type ChatTestApp } from './support/fakes/chat-test-app';
import { connectSocket, type Frame, type RecordedSocket } from './support/fakes/socket-clients';
import { freshRedisDb } from './support/redis';

/** A reply long enough to be cut in the middle: one word every PACE_MS, about a second in all. */
const LONG_REPLY =
  'Here is the whole picture for the weekend: the derby kicks off early on Saturday, the league leaders travel north ' +
  'in the evening, and on Sunday two cup ties close the round before the midweek break begins for every side.';
const PACE_MS = 25;

const deltasOf = (frames: Frame[]) => frames.filter((f) => f.event === 'assistant_response' && !f.is_final);
const finalsOf = (frames: Frame[]) => frames.filter((f) => f.event === 'assistant_response' && f.is_final);
const framesOf = (client: RecordedSocket, messageId: string): Frame[] =>
  client.events.filter((e) => e.payload?.message_id === messageId).map((e) => ({ ...e.payload, event: e.event }));

/** Resolves once the client has received at least `count` deltas of the message. */
function deltasReceived(client: RecordedSocket, messageId: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (deltasOf(framesOf(client, messageId)).length >= count) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}

/**
 * The network drops (not a client's own disconnect): the transport closes under the socket, as
 * when a phone loses its connection. The server sees "transport close".
 */
async function dropConnection(client: RecordedSocket): Promise<void> {
  const gone = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
  client.socket.io.engine.close();
  await gone;
}

/** What a client saw of a message before the drop, then what a resume brought. */
async function interruptAndResume(
  before: RecordedSocket,
  reconnect: () => Promise<RecordedSocket>,
  messageId: string,
): Promise<{ seenBefore: Frame[]; resumed: Frame[]; ack: any }> {
  await deltasReceived(before, messageId, 3);
  await dropConnection(before);
  const seenBefore = deltasOf(framesOf(before, messageId));
  const after = await reconnect();
  const ack = await after.ack('resume', { message_id: messageId, last_index: seenBefore.at(-1)!.index });
  const resumed = await after.turn(messageId);
  return { seenBefore, resumed, ack };
}

/** Deltas numbered 0,1,2… across both connections, whose text is the final's exactly once. */
function expectWholeAnswerOnce(seenBefore: Frame[], resumed: Frame[]): void {
  const deltas = [...seenBefore, ...deltasOf(resumed)];
  expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
  const [final] = finalsOf(resumed);
  expect(finalsOf(resumed)).toHaveLength(1);
  expect(final.stopped).toBeUndefined();
  expect(final.content).toBe(LONG_REPLY);
  expect(deltas.map((d) => d.content).join('')).toBe(LONG_REPLY);
}

describe('resuming an answer after a reconnect (Socket.IO, one instance)', () => {
  let app: ChatTestApp;
  const open: RecordedSocket[] = [];
  const connect = async (auth: Record<string, unknown>) => {
    const client = await connectSocket(app.url, auth);
    open.push(client);
    return client;
  };
  beforeAll(async () => {
    app = await startChatApp({ env: { RESUME_GRACE_MS: '200' } });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
    app.agent.plan = () => ({});
  });
  afterAll(() => app.close());

  it('a dropped connection gets the rest of a running answer: indices continue, the text arrives once, the turn is not stopped', async () => {
    app.agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS, tools: [{ name: 'find_match', arguments: { teams: ['Arsenal'] } }] });
    const auth = { user_id: 'rs-user', session_id: 'rs-s1' };
    const first = await connect(auth);
    await first.ack('user_message', { content: 'What is on this weekend?', message_id: 'rs-m1' });
    const { seenBefore, resumed, ack } = await interruptAndResume(first, () => connect(auth), 'rs-m1');
    expect(ack).toEqual({ resumed: true, session_id: 'rs-s1', message_id: 'rs-m1', running: true });
    expect(seenBefore.length).toBeGreaterThanOrEqual(3);
    expectWholeAnswerOnce(seenBefore, resumed);
    // The tool events came before the first delta the client saw, so they are not sent again.
    expect(resumed.filter((f) => f.event === 'tool_call')).toEqual([]);
    for (const frame of resumed) expect(frame).toMatchObject({ type: frame.event, session_id: 'rs-s1', message_id: 'rs-m1' });
    expect(app.agent.abortedTurns).not.toContain('rs-m1');
    const metrics = await request(app.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^chatbet_resumes_total\{outcome="running"\} [1-9]/m);
  });

  it('a resume without last_index gets the whole turn from its first frame, tool events included', async () => {
    app.agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS, tools: [{ name: 'get_odds', arguments: { fixture_id: 'fx1' } }] });
    const auth = { user_id: 'rs-fresh', session_id: 'rs-fresh-s' };
    const first = await connect(auth);
    await first.ack('user_message', { content: 'Odds for the derby?', message_id: 'rs-fresh-m' });
    await deltasReceived(first, 'rs-fresh-m', 2);
    await dropConnection(first);
    const second = await connect(auth);
    expect(await second.ack('resume', { message_id: 'rs-fresh-m' })).toMatchObject({ resumed: true, running: true });
    const resumed = await second.turn('rs-fresh-m');
    expect(resumed.filter((f) => f.event === 'tool_call').map((t) => `${t.name}:${t.status}`)).toEqual(['get_odds:started', 'get_odds:ok']);
    expectWholeAnswerOnce([], resumed);
  });

  it('a finished turn is answered with its final (and only what the client missed)', async () => {
    const auth = { user_id: 'rs-done', session_id: 'rs-done-s' };
    const first = await connect(auth);
    await first.ack('user_message', { content: 'Who plays on Friday?', message_id: 'rs-done-m' });
    const frames = await first.turn('rs-done-m');
    const lastIndex = deltasOf(frames).at(-1)!.index;
    const [final] = finalsOf(frames);
    first.close();
    const second = await connect(auth);
    expect(await second.ack('resume', { message_id: 'rs-done-m', last_index: lastIndex })).toEqual({
      resumed: true,
      session_id: 'rs-done-s',
      message_id: 'rs-done-m',
      running: false,
    });
    const replayed = await second.turn('rs-done-m');
    expect(replayed).toEqual([{ ...final, event: 'assistant_response' }]);
  });

  it('replays the stored final of a turn that ran elsewhere (REST) and is not in the frame log', async () => {
    const body = { message: 'Any odds for the cup tie?', user_id: 'rs-rest', session_id: 'rs-rest-s', message_id: 'rs-rest-m' };
    const rest = await request(app.url).post('/api/v1/chat/message').send(body).expect(200);
    const client = await connect({ user_id: 'rs-rest', session_id: 'rs-rest-s' });
    expect(await client.ack('resume', { message_id: 'rs-rest-m', last_index: 4 })).toMatchObject({ resumed: true, running: false });
    const [final] = await client.turn('rs-rest-m');
    expect(final).toMatchObject({ event: 'assistant_response', is_final: true, content: rest.body.message, message_id: 'rs-rest-m' });
  });

  it("answers a resume of another user's turn exactly like an unknown one: NOT_FOUND, nothing sent", async () => {
    app.agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS });
    const owner = await connect({ user_id: 'rs-owner', session_id: 'rs-owner-s' });
    await owner.ack('user_message', { content: 'Tell me about the derby', message_id: 'rs-private' });
    const intruder = await connect({ user_id: 'rs-intruder' });
    const foreign = await intruder.ack('resume', { session_id: 'rs-owner-s', message_id: 'rs-private' });
    const unknown = await intruder.ack('resume', { session_id: 'rs-owner-s', message_id: 'rs-never-sent' });
    expect(foreign.error).toMatchObject({ error_code: 'NOT_FOUND' });
    expect({ ...foreign.error, correlation_id: 'x' }).toEqual({ ...unknown.error, correlation_id: 'x' });
    await owner.turn('rs-private');
    expect(intruder.events.filter((e) => e.payload?.message_id === 'rs-private')).toEqual([]);
    expect(intruder.socket.connected).toBe(true);
    expect((await request(app.url).get('/metrics').expect(200)).text).toMatch(/^chatbet_resumes_total\{outcome="not_found"\} [1-9]/m);
  });

  it.each([
    ['no payload', undefined],
    ['no message_id', { last_index: 2 }],
    ['a message_id of the wrong type', { message_id: 7 }],
    ['a bad message_id', { message_id: 'has spaces' }],
    ['a negative last_index', { message_id: 'm', last_index: -1 }],
    ['a fractional last_index', { message_id: 'm', last_index: 1.5 }],
    ['a last_index that is a string', { message_id: 'm', last_index: '3' }],
    ['unknown fields', { message_id: 'm', from: 0 }],
  ])('refuses a resume with %s as INVALID_MESSAGE and keeps the connection', async (_name, payload) => {
    const client = await connect({ user_id: 'rs-bad' });
    const ack = payload === undefined ? await client.socket.timeout(5000).emitWithAck('resume') : await client.ack('resume', payload);
    expect(ack.error).toMatchObject({ error_code: 'INVALID_MESSAGE', message: expect.any(String), correlation_id: expect.any(String) });
    expect(client.socket.connected).toBe(true);
    expect((await client.ack('resume', { message_id: 'rs-none' })).error.error_code).toBe('NOT_FOUND');
  });

  it('stops a dropped connection’s turn when nobody resumes it within the grace', async () => {
    app.agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS });
    const client = await connect({ user_id: 'rs-gone', session_id: 'rs-gone-s' });
    const aborted = app.agent.nextAbort();
    await client.ack('user_message', { content: 'A long story please', message_id: 'rs-gone-m' });
    await deltasReceived(client, 'rs-gone-m', 1);
    await dropConnection(client);
    await aborted;
    expect(app.agent.abortedTurns).toContain('rs-gone-m');
    // Its stopped final is what a late resume gets.
    const late = await connect({ user_id: 'rs-gone', session_id: 'rs-gone-s' });
    expect(await late.ack('resume', { message_id: 'rs-gone-m' })).toMatchObject({ running: false });
    const [final] = finalsOf(await late.turn('rs-gone-m'));
    expect(final.stopped).toBe(true);
  });

  it('a second tab takes the session over (the first is told SESSION_TAKEN_OVER) and can resume the running answer', async () => {
    app.agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS });
    const auth = { user_id: 'rs-tabs', session_id: 'rs-tabs-s' };
    const first = await connect(auth);
    await first.ack('user_message', { content: 'What about the cup ties?', message_id: 'rs-tabs-m' });
    await deltasReceived(first, 'rs-tabs-m', 2);
    const takenOver = new Promise<void>((resolve) => first.socket.once('disconnect', () => resolve()));
    const second = await connect(auth);
    await takenOver;
    expect(first.events.some((e) => e.payload?.error_code === 'SESSION_TAKEN_OVER')).toBe(true);
    expect(await second.ack('resume', { message_id: 'rs-tabs-m' })).toMatchObject({ running: true });
    expectWholeAnswerOnce([], await second.turn('rs-tabs-m'));
    expect(app.agent.abortedTurns).not.toContain('rs-tabs-m');
  });
});

describe('resuming on another instance (two instances on one real Redis)', () => {
  let a: ChatTestApp;
  let b: ChatTestApp;
  const agent = new FakeAgent();
  const sports = new FakeSportsApi();
  const open: RecordedSocket[] = [];
  beforeAll(async () => {
    const url = await freshRedisDb();
    // A grace shorter than the answer: the turn on A outlives it only because B's client follows it.
    const env = { REDIS_URL: url, RESUME_GRACE_MS: '200' };
    a = await startChatApp({ env, agent, sports });
    b = await startChatApp({ env, agent, sports });
  });
  afterAll(async () => {
    for (const client of open.splice(0)) client.close();
    await a.close();
    await b.close();
  });

  it('a client that drops from one instance and reconnects to the other gets the rest of the answer once', async () => {
    agent.plan = () => ({ text: LONG_REPLY, delayMs: PACE_MS });
    const auth = { user_id: 'rs-cluster', session_id: 'rs-cluster-s' };
    const onA = await connectSocket(a.url, auth);
    open.push(onA);
    await onA.ack('user_message', { content: 'Weekend round-up please', message_id: 'rs-cluster-m' });
    const { seenBefore, resumed, ack } = await interruptAndResume(
      onA,
      async () => {
        const onB = await connectSocket(b.url, auth);
        open.push(onB);
        return onB;
      },
      'rs-cluster-m',
    );
    expect(ack).toMatchObject({ resumed: true, running: true });
    expectWholeAnswerOnce(seenBefore, resumed);
    expect(agent.abortedTurns).not.toContain('rs-cluster-m');
  });

  it('a finished turn resumed on the other instance gets its final; another user gets NOT_FOUND', async () => {
    agent.plan = () => ({});
    const auth = { user_id: 'rs-cluster-done', session_id: 'rs-cluster-done-s' };
    const onA = await connectSocket(a.url, auth);
    open.push(onA);
    await onA.ack('user_message', { content: 'When is the final?', message_id: 'rs-cluster-done-m' });
    const [final] = finalsOf(await onA.turn('rs-cluster-done-m'));
    onA.close();
    const onB = await connectSocket(b.url, auth);
    const stranger = await connectSocket(b.url, { user_id: 'rs-stranger' });
    open.push(onB, stranger);
    expect((await stranger.ack('resume', { session_id: 'rs-cluster-done-s', message_id: 'rs-cluster-done-m' })).error.error_code).toBe('NOT_FOUND');
    expect(await onB.ack('resume', { message_id: 'rs-cluster-done-m', last_index: 100 })).toMatchObject({ running: false });
    expect(finalsOf(await onB.turn('rs-cluster-done-m'))).toEqual([{ ...final, event: 'assistant_response' }]);
  });
});
