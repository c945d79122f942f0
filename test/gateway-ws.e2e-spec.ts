import { aProposal } from './support/fakes/fake-sports-api';
import { startChatApp, type ChatTestApp } from './support/fakes/chat-test-app';
import { connectWs, type Frame, type RecordedWs } from './support/fakes/socket-clients';

const isFinal = (id: string) => (f: Frame) => f.message_id === id && (f.type === 'error' || (f.type === 'assistant_response' && f.is_final));

describe('plain WebSocket /ws/chat', () => {
  let app: ChatTestApp;
  const open: RecordedWs[] = [];
  const connect = async (path: string, headers?: Record<string, string>) => {
    const client = await connectWs(app.url, path, headers);
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

  it('greets, answers ping, streams a turn with tool events and one final', async () => {
    app.agent.plan = () => ({ tools: [{ name: 'get_fixtures', arguments: { team: 'Barcelona' } }] });
    const client = await connect('/ws/chat?user_id=ws-user&session_id=ws-s1');
    expect(await client.next((f) => f.type === 'connection_established')).toMatchObject({ session_id: 'ws-s1', user_id: 'ws-user' });
    client.send({ type: 'ping' });
    await client.next((f) => f.type === 'pong');
    client.send({ type: 'typing' });
    client.send({ type: 'user_message', content: 'When does Barcelona play?', message_id: 'ws-m1' });
    const final = await client.next(isFinal('ws-m1'));
    const mine = client.frames.filter((f) => f.message_id === 'ws-m1');
    const deltas = mine.filter((f) => f.type === 'assistant_response' && !f.is_final);
    expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
    expect(deltas.map((d) => d.content).join('')).toBe(final.content);
    expect(mine.filter((f) => f.type === 'tool_call').map((t) => t.status)).toEqual(['started', 'ok']);
    expect(final).toMatchObject({ session_id: 'ws-s1', detected_intent: 'MATCH_SCHEDULE_QUERY', function_calls: ['get_fixtures'], language: 'en' });
    expect(mine.filter(isFinal('ws-m1'))).toHaveLength(1);
    expect(client.frames.filter((f) => f.type === 'error')).toHaveLength(0); // typing was accepted silently
  });

  it('takes the session from the path and the user from the frame (original clients)', async () => {
    const client = await connect('/ws/chat/ws-path-session');
    expect(await client.next((f) => f.type === 'connection_established')).toMatchObject({ session_id: 'ws-path-session' });
    client.send({ type: 'user_message', content: 'Hello', user_id: 'ws-frame-user', message_id: 'p1' });
    expect(await client.next(isFinal('p1'))).toMatchObject({ session_id: 'ws-path-session', detected_intent: 'GREETING' });
  });

  it('sends the original implementation frames with ?format=legacy', async () => {
    const client = await connect('/ws/chat/ws-legacy?format=legacy&user_id=ws-legacy-user');
    await client.next((f) => f.type === 'connection_established');
    client.send({ type: 'user_message', content: 'Odds for Chelsea?', message_id: 'leg-1' });
    const end = await client.next((f) => f.type === 'streaming_end');
    const types = client.frames.map((f) => f.type);
    expect(types.slice(0, 3)).toEqual(['connection_established', 'typing', 'streaming_start']);
    const chunks = client.frames.filter((f) => f.type === 'streaming_response');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.content).join('')).toBe(end.final_content);
    expect(end).toMatchObject({ session_id: 'ws-legacy', message_id: 'leg-1', detected_intent: 'ODDS_INFORMATION_QUERY', function_calls_made: [] });
    expect(types).not.toContain('assistant_response');
    client.send({ type: 'ping' });
    await client.next((f) => f.type === 'pong');
  });

  it.each([
    ['not JSON', '{"type": "user_message", ', 'INVALID_MESSAGE'],
    ['a JSON array', '[1,2]', 'INVALID_MESSAGE'],
    ['an unknown type', { type: 'launch_rockets' }, 'INVALID_MESSAGE'],
    ['blank content', { type: 'user_message', content: '  ' }, 'INVALID_MESSAGE'],
    ['5000 characters', { type: 'user_message', content: 'x'.repeat(5000) }, 'MESSAGE_TOO_LONG'],
    ['content of the wrong type', { type: 'user_message', content: ['x'] }, 'INVALID_MESSAGE'],
    ['unknown fields', { type: 'user_message', content: 'hi', admin: true }, 'INVALID_MESSAGE'],
    ['a 1 MiB frame', { type: 'user_message', content: 'x'.repeat(1024 * 1024) }, 'MESSAGE_TOO_LONG'],
  ])('answers %s with an error frame and keeps the connection open', async (_name, frame, code) => {
    const client = await connect('/ws/chat?user_id=ws-bad');
    await client.next((f) => f.type === 'connection_established');
    client.send(frame);
    expect(await client.next((f) => f.type === 'error')).toMatchObject({ error_code: code, content: expect.any(String) });
    client.send({ type: 'user_message', content: `fine after ${code} ${Math.random()}`, message_id: 'after' });
    await client.next(isFinal('after'));
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  it('stops a running turn and aborts it when the connection closes', async () => {
    app.agent.plan = () => ({ delayMs: 15 });
    const client = await connect('/ws/chat?user_id=ws-stop&session_id=ws-stop-s');
    client.send({ type: 'user_message', content: 'long answer', message_id: 'st-1' });
    await client.next((f) => f.message_id === 'st-1' && f.type === 'assistant_response');
    client.send({ type: 'stop', session_id: 'ws-stop-s' });
    expect(await client.next(isFinal('st-1'))).toMatchObject({ stopped: true });

    const aborted = app.agent.nextAbort();
    client.send({ type: 'user_message', content: 'another long answer', message_id: 'st-2' });
    await client.next((f) => f.message_id === 'st-2');
    client.close();
    await aborted;
    expect(app.agent.abortedTurns).toEqual(expect.arrayContaining(['st-1', 'st-2']));
  });

  it('confirms a bet with confirm_bet', async () => {
    const proposal = aProposal({ stake: 10 });
    app.agent.plan = () => ({ betProposal: proposal });
    const client = await connect('/ws/chat?user_id=ws-bettor');
    client.send({ type: 'user_message', content: 'bet 10 on Arsenal', message_id: 'wb-1' });
    expect((await client.next(isFinal('wb-1'))).bet_proposal).toEqual(proposal);
    client.send({ type: 'confirm_bet', proposal_id: proposal.proposal_id });
    expect(await client.next((f) => f.type === 'bet_confirmed')).toMatchObject({ proposal_id: proposal.proposal_id, possible_win: 21, balance: 990 });
    expect(app.sports.balanceOf('ws-bettor')).toBe(990);
  });

  it('answers a moved price with a PRICE_CHANGED error frame and the new slip; accept_better_odds places a better one', async () => {
    const odds = (home: number) => ({
      fixtureId: 'fx1',
      sportId: '1',
      tournamentId: 't566',
      active: true,
      markets: [{ key: 'result' as const, selections: [{ outcome: 'home', name: 'Arsenal', odd: home, betId: 'b-home' }] }],
    });
    const proposal = aProposal({ stake: 10 });
    app.agent.plan = () => ({ betProposal: proposal });
    const client = await connect('/ws/chat?user_id=ws-price');
    client.send({ type: 'user_message', content: 'bet 10 on Arsenal', message_id: 'wp-1' });
    await client.next(isFinal('wp-1'));
    app.sports.odds.set('fx1', odds(1.9));
    try {
      client.send({ type: 'confirm_bet', proposal_id: proposal.proposal_id, accept_better_odds: true });
      const refused = await client.next((f) => f.type === 'error');
      expect(refused).toMatchObject({ error_code: 'PRICE_CHANGED', details: { withdrawn_proposal_id: proposal.proposal_id } });
      const next = (refused.details as { proposal: { proposal_id: string; combined_odd: number } }).proposal;
      expect(next.combined_odd).toBe(1.9);
      expect(app.sports.balanceOf('ws-price')).toBe(1000);

      app.sports.odds.set('fx1', odds(2.0));
      client.send({ type: 'confirm_bet', proposal_id: next.proposal_id, accept_better_odds: true });
      expect(await client.next((f) => f.type === 'bet_confirmed')).toMatchObject({ proposal_id: next.proposal_id, possible_win: 20, balance: 990 });
    } finally {
      app.sports.odds.delete('fx1');
    }
  });
});

describe('plain WebSocket security', () => {
  let app: ChatTestApp;
  beforeAll(async () => {
    app = await startChatApp({ env: { API_KEYS: 'ws-key', SOCKET_MESSAGES_PER_MINUTE: '1' } });
  });
  afterAll(() => app.close());

  it('refuses a missing API key with an UNAUTHORIZED frame and close code 4401', async () => {
    const client = await connectWs(app.url, '/ws/chat?user_id=u');
    expect(await client.closed).toEqual({ code: 4401, reason: 'unauthorized' });
    expect(client.frames).toEqual([expect.objectContaining({ type: 'error', error_code: 'UNAUTHORIZED' })]);
  });

  it('accepts the key as query or header, and rate-limits messages per user', async () => {
    const viaHeader = await connectWs(app.url, '/ws/chat?user_id=u1', { 'x-api-key': 'ws-key' });
    await viaHeader.next((f) => f.type === 'connection_established');
    viaHeader.close();
    const client = await connectWs(app.url, '/ws/chat?user_id=u2&api_key=ws-key');
    client.send({ type: 'user_message', content: 'one', message_id: 'one' });
    await client.next(isFinal('one'));
    client.send({ type: 'user_message', content: 'two', message_id: 'two' });
    expect(await client.next((f) => f.type === 'error')).toMatchObject({ error_code: 'RATE_LIMITED' });
    client.send({ type: 'ping' });
    await client.next((f) => f.type === 'pong');
    client.close();
  });
});
