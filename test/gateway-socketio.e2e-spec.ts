import { Logger } from '@nestjs/common';
import request from 'supertest';
import { errorMessage } from '../src/common/errors';
import { MetricsService } from '../src/metrics/metrics.service';
import { aProposal } from './support/fakes/fake-sports-api';
import { startChatApp, type ChatTestApp } from './support/fakes/chat-test-app';
import { connectSocket, type Frame, type RecordedSocket } from './support/fakes/socket-clients';
import { llmDown } from './support/fake-agent';

const deltasOf = (frames: Frame[]) => frames.filter((f) => f.event === 'assistant_response' && !f.is_final);
const finalsOf = (frames: Frame[]) => frames.filter((f) => f.event === 'assistant_response' && f.is_final);

describe('Socket.IO /chat', () => {
  let app: ChatTestApp;
  const open: RecordedSocket[] = [];
  const connect = async (auth: Record<string, unknown>) => {
    const client = await connectSocket(app.url, auth);
    open.push(client);
    return client;
  };
  beforeAll(async () => {
    app = await startChatApp();
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
    app.agent.plan = () => ({});
  });
  afterAll(() => app.close());

  it('streams coalesced deltas in order, tool events, then exactly one final with the §3 fields', async () => {
    app.agent.plan = () => ({ tools: [{ name: 'find_match', arguments: { teams: ['Arsenal'] } }, { name: 'get_odds', arguments: { fixture_id: 'fx1' } }] });
    const client = await connect({ user_id: 'sio-stream', session_id: 'sio-s1' });
    const ack = await client.ack('user_message', { type: 'user_message', content: 'Odds for Arsenal?', message_id: 'sio-m1' });
    expect(ack).toEqual({ accepted: true, message_id: 'sio-m1', session_id: 'sio-s1' });
    const frames = await client.turn('sio-m1');
    const deltas = deltasOf(frames);
    const [final] = finalsOf(frames);
    expect(finalsOf(frames)).toHaveLength(1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
    expect(deltas.map((d) => d.content).join('')).toBe(final.content);
    for (const frame of frames) expect(frame).toMatchObject({ type: frame.event, session_id: 'sio-s1', message_id: 'sio-m1' });
    const tools = frames.filter((f) => f.event === 'tool_call');
    expect(tools.map((t) => `${t.name}:${t.status}`)).toEqual(['find_match:started', 'find_match:ok', 'get_odds:started', 'get_odds:ok']);
    expect(frames.findIndex((f) => f.event === 'tool_call' && f.name === 'get_odds' && f.status === 'ok')).toBeLessThan(frames.indexOf(deltas[0]));
    expect(final).toMatchObject({
      is_final: true,
      detected_intent: 'ODDS_INFORMATION_QUERY',
      intent_confidence: 0.9,
      entities: { teams: ['Arsenal'] },
      function_calls: ['find_match', 'get_odds'],
      function_calls_made: [expect.objectContaining({ name: 'find_match', status: 'ok' }), expect.objectContaining({ name: 'get_odds' })],
      suggested_actions: ['Show me the odds'],
      language: 'en',
      response_time_ms: expect.any(Number),
      token_count: expect.any(Number),
    });
    expect(final.stopped).toBeUndefined();
  });

  it('records turns, first-delta latency, tool calls, connected sockets and the coalescing window in the metrics', async () => {
    const metrics = app.app.get(MetricsService);
    const client = await connect({ user_id: 'sio-metrics' });
    app.agent.plan = () => ({ tools: [{ name: 'get_user_balance', arguments: {} }] });
    await client.ack('user_message', { content: 'balance?', message_id: 'met-1' });
    await client.turn('met-1');
    const text = (await metrics.render()).body;
    expect(text).toMatch(/chatbet_turns_total\{transport="socketio",intent="USER_BALANCE_QUERY",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/chatbet_tool_calls_total\{tool="get_user_balance",status="ok"\} [1-9]/);
    expect(text).toMatch(/chatbet_time_to_first_delta_seconds_count\{transport="socketio"\} [1-9]/);
    expect(text).toMatch(/chatbet_connected_sockets\{transport="socketio"\} [1-9]/);
    // Between the idle and the widest window (the gateway module started the lag probe).
    const window = Number(/^chatbet_coalescing_window_ms (\d+)$/m.exec(text)?.[1]);
    expect(window).toBeGreaterThanOrEqual(16);
    expect(window).toBeLessThanOrEqual(50);
  });

  it('replays a repeated message_id without running the agent again', async () => {
    const client = await connect({ user_id: 'sio-replay', session_id: 'sio-replay-s' });
    await client.ack('user_message', { content: 'Hello', message_id: 'sio-r1' });
    const [first] = finalsOf(await client.turn('sio-r1'));
    const calls = app.agent.calls.length;
    client.events.length = 0;
    expect(await client.ack('user_message', { content: 'Hello', message_id: 'sio-r1' })).toMatchObject({ accepted: true, message_id: 'sio-r1' });
    const [replayed] = finalsOf(await client.turn('sio-r1'));
    expect(replayed).toEqual(first);
    expect(app.agent.calls.length).toBe(calls);
  });

  it('passes follow-up context between socket messages', async () => {
    const client = await connect({ user_id: 'sio-follow', session_id: 'sio-follow-s' });
    await client.ack('user_message', { content: 'When does Barcelona play?', message_id: 'f1' });
    await client.turn('f1');
    await client.ack('user_message', { content: 'and the odds?', message_id: 'f2' });
    const [final] = finalsOf(await client.turn('f2'));
    expect(final.entities.teams).toEqual(['Barcelona']);
    expect(app.nlu.calls.at(-1)!.context.previous?.entities.teams).toEqual(['Barcelona']);
    const history = await client.ack('history', { session_id: 'sio-follow-s', limit: 10 });
    expect(history.messages.map((m: Frame) => m.content)).toEqual(['When does Barcelona play?', expect.any(String), 'and the odds?', final.content]);
  });

  it('stops a running turn: the agent sees the abort and the final carries stopped and the text so far', async () => {
    app.agent.plan = () => ({ delayMs: 15, text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen' });
    const client = await connect({ user_id: 'sio-stop', session_id: 'sio-stop-s' });
    await client.ack('user_message', { content: 'Tell me a long story', message_id: 'stop-1' });
    await new Promise((r) => setTimeout(r, 60));
    expect(await client.ack('stop', { session_id: 'sio-stop-s' })).toEqual({ stopped: true });
    const frames = await client.turn('stop-1');
    const [final] = finalsOf(frames);
    expect(final.stopped).toBe(true);
    expect(final.content.length).toBeGreaterThan(0);
    expect(final.content.length).toBeLessThan('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen'.length);
    expect(deltasOf(frames).map((d) => d.content).join('')).toBe(final.content);
    expect(app.agent.abortedTurns).toContain('stop-1');
    expect(await client.ack('stop', { session_id: 'sio-stop-s' })).toEqual({ stopped: false });
    // The session is free again.
    expect(await client.ack('user_message', { content: 'next question', message_id: 'stop-2' })).toMatchObject({ accepted: true });
  });

  it('refuses a message while the session is busy, and identical content within 2 s', async () => {
    app.agent.plan = () => ({ delayMs: 10 });
    const client = await connect({ user_id: 'sio-busy', session_id: 'sio-busy-s' });
    await client.ack('user_message', { content: 'When does Arsenal play?', message_id: 'b1' });
    const busy = await client.ack('user_message', { content: 'and Chelsea?', message_id: 'b2' });
    expect(busy.error).toMatchObject({ error_code: 'SESSION_BUSY', message: expect.any(String), correlation_id: expect.any(String) });
    const sameId = await client.ack('user_message', { content: 'When does Arsenal play?', message_id: 'b1' });
    expect(sameId.error.error_code).toBe('DUPLICATE_MESSAGE');
    await client.turn('b1');
    const duplicate = await client.ack('user_message', { content: 'When does Arsenal play?', message_id: 'b3' });
    expect(duplicate.error.error_code).toBe('DUPLICATE_MESSAGE');
    expect(finalsOf(client.events.map((e) => ({ ...e.payload, event: e.event })))).toHaveLength(1);
  });

  it('hands a session to the newest connection: the first is told SESSION_TAKEN_OVER and disconnected', async () => {
    const first = await connect({ user_id: 'sio-take', session_id: 'sio-take-s' });
    const disconnected = new Promise<string>((resolve) => first.socket.once('disconnect', resolve));
    const second = await connect({ user_id: 'sio-take', session_id: 'sio-take-s' });
    expect(await disconnected).toBe('io server disconnect');
    expect(first.events.find((e) => e.event === 'error')?.payload).toMatchObject({ type: 'error', error_code: 'SESSION_TAKEN_OVER', session_id: 'sio-take-s' });
    expect(await second.ack('user_message', { content: 'still mine?', message_id: 't1' })).toMatchObject({ accepted: true });
    expect(finalsOf(await second.turn('t1'))).toHaveLength(1);
  });

  it("keeps another user's session out of reach: no room joined by a refused message, history answered like REST", async () => {
    const owner = await connect({ user_id: 'sio-owner', session_id: 'sio-owned-s' });
    expect(await owner.ack('user_message', { content: 'Odds for Arsenal?', message_id: 'own-1' })).toMatchObject({ accepted: true });
    await owner.turn('own-1');
    const intruder = await connect({ user_id: 'sio-intruder' });
    const refused = await intruder.ack('user_message', { content: 'let me in', session_id: 'sio-owned-s' });
    expect(refused.error.error_code).toBe('NOT_FOUND');
    expect((await intruder.ack('history', { session_id: 'sio-owned-s' })).error.error_code).toBe('NOT_FOUND');
    await request(app.url).get('/api/v1/chat/conversations/sio-intruder?session_id=sio-owned-s').expect(404);
    // The owner's next connection takes the session over; only the owner's old socket hears it.
    const disconnected = new Promise<string>((resolve) => owner.socket.once('disconnect', resolve));
    await connect({ user_id: 'sio-owner', session_id: 'sio-owned-s' });
    expect(await disconnected).toBe('io server disconnect');
    expect(intruder.events.filter((e) => e.payload?.error_code === 'SESSION_TAKEN_OVER')).toEqual([]);
    expect(intruder.socket.connected).toBe(true);
    expect(await intruder.ack('history', {})).toEqual({ messages: [] });
  });

  it('aborts the running turn when the client disconnects', async () => {
    app.agent.plan = () => ({ delayMs: 20 });
    const client = await connect({ user_id: 'sio-gone', session_id: 'sio-gone-s' });
    const aborted = app.agent.nextAbort();
    await client.ack('user_message', { content: 'A long answer please', message_id: 'gone-1' });
    client.close();
    await aborted;
    expect(app.agent.abortedTurns).toContain('gone-1');
  });

  it('sends an error event (exactly one, no final) when the model is down', async () => {
    app.agent.plan = () => ({ failWith: llmDown() });
    const client = await connect({ user_id: 'sio-down' });
    const ack = await client.ack('user_message', { content: 'odds?', message_id: 'down-1' });
    expect(ack.accepted).toBe(true);
    const frames = await client.turn('down-1');
    expect(frames.filter((f) => f.event === 'error')).toEqual([
      expect.objectContaining({ type: 'error', error_code: 'LLM_UNAVAILABLE', content: expect.any(String), session_id: ack.session_id }),
    ]);
    expect(finalsOf(frames)).toHaveLength(0);
    // The sentence follows the detected language of the message.
    await client.ack('user_message', { content: 'hola, cuotas del Barcelona', message_id: 'down-es' });
    const [spanish] = (await client.turn('down-es')).filter((f) => f.event === 'error');
    expect(spanish.content).toBe(errorMessage('LLM_UNAVAILABLE', 'es'));
  });

  it.each([
    ['blank content', { content: '   ' }, 'INVALID_MESSAGE'],
    ['5000 characters', { content: 'x'.repeat(5000) }, 'MESSAGE_TOO_LONG'],
    ['content of the wrong type', { content: 42 }, 'INVALID_MESSAGE'],
    ['a payload that is not an object', 'hello', 'INVALID_MESSAGE'],
    ['unknown fields', { content: 'hi', admin: true }, 'INVALID_MESSAGE'],
    ['another user_id', { content: 'hi', user_id: 'someone-else' }, 'INVALID_MESSAGE'],
  ])('acks %s with its error code and keeps the connection', async (_name, payload, code) => {
    const client = await connect({ user_id: 'sio-bad' });
    const ack = await client.ack('user_message', payload);
    expect(ack.error.error_code).toBe(code);
    expect(client.socket.connected).toBe(true);
    expect(await client.ack('user_message', { content: `fine after ${code} ${Math.random()}` })).toMatchObject({ accepted: true });
  });

  it('answers bad input without an ack callback with an error event', async () => {
    const client = await connect({ user_id: 'sio-noack' });
    client.socket.emit('user_message', { content: '' });
    await new Promise<void>((resolve) => client.socket.once('error', () => resolve()));
    expect(client.events.find((e) => e.event === 'error')!.payload).toMatchObject({ type: 'error', error_code: 'INVALID_MESSAGE', content: expect.any(String) });
  });

  it('closes a connection that sends a frame beyond maxHttpBufferSize, while other sessions keep working', async () => {
    const other = await connect({ user_id: 'sio-bystander' });
    const client = await connect({ user_id: 'sio-huge' });
    const gone = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    client.socket.emit('user_message', { content: 'x'.repeat(1024 * 1024) });
    expect(await gone).toBe('transport close');
    expect(await other.ack('user_message', { content: 'still fine?' })).toMatchObject({ accepted: true });
  });

  it('refuses handshakes without a valid user_id or with a foreign session', async () => {
    await expect(connectSocket(app.url, {})).rejects.toMatchObject({ data: { error_code: 'INVALID_MESSAGE' } });
    await request(app.url).post('/api/v1/chat/message').send({ message: 'mine', user_id: 'sio-owner', session_id: 'sio-owned' }).expect(200);
    await expect(connectSocket(app.url, { user_id: 'sio-intruder', session_id: 'sio-owned' })).rejects.toMatchObject({
      data: { error_code: 'NOT_FOUND' },
    });
  });

  it('confirms a proposed bet once through confirm_bet', async () => {
    const audit = jest.spyOn(Logger.prototype, 'log');
    const proposal = aProposal({ stake: 20 });
    app.agent.plan = () => ({ betProposal: proposal });
    const client = await connect({ user_id: 'sio-bettor' });
    await client.ack('user_message', { content: 'bet 20 on Arsenal', message_id: 'bet-1' });
    const [final] = finalsOf(await client.turn('bet-1'));
    expect(final.bet_proposal).toEqual(proposal);
    const first = await client.ack('confirm_bet', { proposal_id: proposal.proposal_id });
    expect(first).toEqual({ bet_id: expect.any(String), message: expect.any(String), possible_win: 42, balance: 980 });
    expect(await client.ack('confirm_bet', { proposal_id: proposal.proposal_id })).toEqual(first);
    expect(app.sports.balanceOf('sio-bettor')).toBe(980);
    expect((await client.ack('confirm_bet', { proposal_id: 'prop_nope' })).error.error_code).toBe('NOT_FOUND');

    // The audit trail: one turn line (no message text) and one line per confirmation, plus counters.
    const lines = audit.mock.calls.map(([fields]) => fields as Record<string, unknown>);
    audit.mockRestore();
    const turn = lines.find((l) => l.event === 'turn' && l.message_id === 'bet-1');
    expect(turn).toMatchObject({ transport: 'socketio', user_id: 'sio-bettor', outcome: 'ok', intent: expect.any(String), tools: expect.any(Array), latency_ms: expect.any(Number) });
    expect(JSON.stringify(turn)).not.toContain('bet 20 on Arsenal');
    const bets = lines.filter((l) => l.event === 'bet' && l.user_id === 'sio-bettor');
    expect(bets.map((l) => l.result)).toEqual(['placed', 'replayed', 'refused']);
    expect(bets[0]).toMatchObject({ proposal_id: proposal.proposal_id, stake: 20, odds: proposal.combined_odd, correlation_id: expect.any(String) });
    expect(bets[2]).toMatchObject({ proposal_id: 'prop_nope', reason: 'NOT_FOUND' });
    const metrics = (await request(app.url).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^chatbet_bets_placed_total 1$/m);
    expect(metrics).toMatch(/^chatbet_bets_refused_total\{reason="NOT_FOUND"\} \d+$/m);
  });
});

describe('Socket.IO /chat security', () => {
  let app: ChatTestApp;
  beforeAll(async () => {
    app = await startChatApp({ env: { API_KEYS: 'sock-key', SOCKET_MESSAGES_PER_MINUTE: '2' } });
  });
  afterAll(() => app.close());

  it('refuses a missing or wrong API key with connect_error UNAUTHORIZED', async () => {
    await expect(connectSocket(app.url, { user_id: 'u' })).rejects.toMatchObject({ data: { error_code: 'UNAUTHORIZED' } });
    await expect(connectSocket(app.url, { user_id: 'u', api_key: 'nope' })).rejects.toMatchObject({ data: { error_code: 'UNAUTHORIZED' } });
    const viaHeader = await connectSocket(app.url, { user_id: 'u' }, { extraHeaders: { 'x-api-key': 'sock-key' } });
    viaHeader.close();
  });

  it('rate-limits messages per user with RATE_LIMITED and keeps the connection', async () => {
    const client = await connectSocket(app.url, { user_id: 'sio-fast', api_key: 'sock-key' });
    const other = await connectSocket(app.url, { user_id: 'sio-calm', api_key: 'sock-key' });
    try {
      await client.ack('user_message', { content: 'one', message_id: 'r1' });
      await client.turn('r1');
      await client.ack('user_message', { content: 'two', message_id: 'r2' });
      await client.turn('r2');
      const limited = await client.ack('user_message', { content: 'three' });
      expect(limited.error).toMatchObject({ error_code: 'RATE_LIMITED', details: { retry_after_s: expect.any(Number) } });
      expect(client.socket.connected).toBe(true);
      expect(await client.ack('stop', {})).toEqual({ stopped: false });
      expect(await other.ack('user_message', { content: 'my own budget' })).toMatchObject({ accepted: true });
    } finally {
      client.close();
      other.close();
    }
  });

  it('gives four connections of one user one shared message budget', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectSocket(app.url, { user_id: 'sio-many', api_key: 'sock-key' })));
    try {
      const answers = [];
      for (const [i, client] of clients.entries()) answers.push(await client.ack('user_message', { content: `from socket ${i}`, message_id: `many-${i}` }));
      expect(answers.filter((a) => a.accepted === true)).toHaveLength(2);
      expect(answers.slice(2)).toEqual([
        { error: expect.objectContaining({ error_code: 'RATE_LIMITED' }) },
        { error: expect.objectContaining({ error_code: 'RATE_LIMITED' }) },
      ]);
    } finally {
      for (const client of clients) client.close();
    }
  });
});

describe('Socket.IO /chat on shutdown', () => {
  it('lets a running turn finish and deliver its final before the server closes', async () => {
    const app = await startChatApp({ env: { SHUTDOWN_GRACE_MS: '5000' } });
    app.agent.plan = () => ({ delayMs: 10 });
    const client = await connectSocket(app.url, { user_id: 'sio-shutdown' });
    try {
      await client.ack('user_message', { content: 'answer while we shut down', message_id: 'sd-1' });
      const closing = app.close();
      const frames = await client.turn('sd-1');
      await closing;
      const [final] = finalsOf(frames);
      expect(final.stopped).toBeUndefined();
      expect(final.content).toContain('answer while we shut down');
    } finally {
      client.close();
    }
  });
});
