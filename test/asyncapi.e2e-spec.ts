import { readFileSync } from 'node:fs';
import { type AsyncAPIDocumentInterface, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import type { Namespace } from 'socket.io';
import { io } from 'socket.io-client';
import { ERROR_CODES } from '../src/common/errors';
import { INTENTS, LANGUAGES } from '../src/common/protocol';
import { ChatGateway } from '../src/gateway/chat.gateway';
import { CLIENT_FRAME_TYPES } from '../src/gateway/raw-ws.gateway';
import { SPORTS_UPDATES_FRAME_TYPES } from '../src/live/sports-updates.gateway';
import type { Fixture, Odds, Tournament } from '../src/sports-api/domain';
import { morePolls } from './support/live';
import { asyncApiFile } from '../src/web/api-docs';
import { aProposal } from './support/fakes/fake-sports-api';
import { type ChatTestApp, startChatApp } from './support/fakes/chat-test-app';
import { connectSocket, connectWs, type Frame, type RecordedWs } from './support/fakes/socket-clients';

type JsonSchema = {
  required?: string[];
  properties?: Record<string, JsonSchema>;
  const?: unknown;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
};

/**
 * True when the value has every field the schema requires and the `const` values it fixes
 * (`type`, `is_final`). Not a full JSON Schema validator: enough to tell the delta from the
 * final answer and to catch a field the document promises but the service no longer sends.
 */
function fits(value: unknown, schema: JsonSchema): boolean {
  if (schema.allOf && !schema.allOf.every((part) => fits(value, part))) return false;
  if (schema.oneOf && !schema.oneOf.some((part) => fits(value, part))) return false;
  if (schema.const !== undefined) return value === schema.const;
  if (!schema.required && !schema.properties) return true;
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (!(schema.required ?? []).every((field) => field in record)) return false;
  return Object.entries(schema.properties ?? {}).every(
    ([field, property]) => !(field in record) || fits(record[field], property),
  );
}

interface Documented {
  /** Message names of the channel's operations with that action (replies are acks, kept apart). */
  names: Set<string>;
  /** Payload schemas by message name (a name may have several: delta and final). */
  payloads: Map<string, JsonSchema[]>;
  /** Ack payload schemas by the client event they answer. */
  replies: Map<string, JsonSchema[]>;
}

function documented(doc: AsyncAPIDocumentInterface, address: string, action: 'send' | 'receive'): Documented {
  const found: Documented = { names: new Set(), payloads: new Map(), replies: new Map() };
  for (const operation of doc.operations().all()) {
    if (
      operation.action() !== action ||
      !operation
        .channels()
        .all()
        .some((c) => c.address() === address)
    )
      continue;
    for (const message of operation.messages().all()) {
      const name = message.name()!;
      found.names.add(name);
      found.payloads.set(name, [...(found.payloads.get(name) ?? []), message.payload()!.json<JsonSchema>()]);
      const replies = operation.reply()?.messages().all() ?? [];
      if (replies.length)
        found.replies.set(
          name,
          replies.map((reply) => reply.payload()!.json<JsonSchema>()),
        );
    }
  }
  return found;
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

/** Socket.IO events only live subscriptions produce. */
const LIVE_EVENTS = ['odds_update', 'match_update', 'slip_update'];

describe('AsyncAPI document (docs/asyncapi.yaml)', () => {
  let doc: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(asyncApiFile(), 'utf8'));
    const problems = diagnostics
      .filter((d) => Number(d.severity) <= Number(DiagnosticSeverity.Warning)) // errors and warnings
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    doc = document!;
  });

  it('is AsyncAPI 3 with a channel per transport', () => {
    expect(doc.version()).toMatch(/^3\./);
    expect(
      sorted(
        doc
          .channels()
          .all()
          .map((c) => c.address()!),
      ),
    ).toEqual(['/chat', '/ws/chat', '/ws/chat/{session_id}', '/ws/sports-updates']);
  });

  it('speaks the same vocabulary as the code: error codes, intents, languages', () => {
    const schemas = doc.components().schemas();
    expect(sorted(schemas.get('ErrorCode')!.enum() as string[])).toEqual(sorted(ERROR_CODES));
    expect(sorted(schemas.get('Intent')!.enum() as string[])).toEqual(sorted(INTENTS));
    expect(sorted(schemas.get('Language')!.enum() as string[])).toEqual(sorted(LANGUAGES));
  });

  it('lists exactly the frame types the plain WebSocket accepts', () => {
    expect(sorted(documented(doc, '/ws/chat', 'receive').names)).toEqual(sorted(CLIENT_FRAME_TYPES));
    expect(sorted(documented(doc, '/ws/sports-updates', 'receive').names)).toEqual(sorted(SPORTS_UPDATES_FRAME_TYPES));
  });

  describe('against the running gateways', () => {
    let app: ChatTestApp;
    beforeAll(async () => {
      // Live updates poll often, over odds cached for a second, so a moved price is seen quickly.
      app = await startChatApp({ env: { LIVE_POLL_INTERVAL_MS: '100', CACHE_TTL_ODDS: '1' } });
    });
    afterEach(() => {
      app.agent.plan = () => ({});
    });
    afterAll(() => app.close());

    it('Socket.IO /chat: client events are the ones the gateway listens to; every event and ack it sends is documented', async () => {
      const client = documented(doc, '/chat', 'receive');
      const server = documented(doc, '/chat', 'send');
      const proposal = aProposal({ stake: 10 });
      app.agent.plan = () => ({
        tools: [{ name: 'get_odds', arguments: { team: 'Arsenal' } }],
        betProposal: proposal,
      });
      const socket = await connectSocket(app.url, { user_id: 'contract-io', session_id: 'contract-io-s1' });
      try {
        // The namespace is the gateway's own; the server-side socket shares the client's id.
        const gateway: unknown = app.app.get(ChatGateway);
        const { namespace } = gateway as { namespace: Namespace };
        const listening = namespace.sockets.get(socket.socket.id!)!.eventNames().map(String);
        expect(
          sorted(listening.filter((name) => !['disconnect', 'disconnecting', 'error'].includes(name))),
        ).toEqual(sorted(client.names));

        const acks: Array<[string, unknown]> = [];
        const ack = async (event: string, payload: unknown) =>
          acks.push([event, await socket.ack(event, payload)]);
        await ack('user_message', { content: 'Odds for Arsenal?', message_id: 'contract-m1' });
        await socket.turn('contract-m1');
        await ack('history', { limit: 5 });
        await ack('stop', {});
        await ack('confirm_bet', { proposal_id: proposal.proposal_id });
        await ack('confirm_bet', { proposal_id: 'no-such-proposal' });
        socket.socket.emit('user_message', { content: 42 }); // no ack: the refusal is an `error` event
        await new Promise<void>((resolve) => socket.socket.once('error', () => resolve()));

        const refused = await new Promise<Frame>((resolve) => {
          const stranger = io(`${app.url}/chat`, {
            transports: ['websocket'],
            auth: {},
            reconnection: false,
            forceNew: true,
          });
          stranger.once('connect_error', (error: Error & { data?: Frame }) => {
            stranger.close();
            resolve(error.data!);
          });
        });
        const events = [...socket.events, { event: 'connect_error', payload: refused }];

        // The live events are exercised (and checked against the same document) in their own test below.
        expect(sorted(events.map((e) => e.event))).toEqual(sorted(server.names).filter((name) => !LIVE_EVENTS.includes(name)));
        for (const { event, payload } of events) {
          expect({
            event,
            payload,
            fits: server.payloads.get(event)!.some((schema) => fits(payload, schema)),
          }).toMatchObject({ fits: true });
        }
        for (const [event, answer] of acks) {
          expect({
            event,
            answer,
            fits: client.replies.get(event)!.some((schema) => fits(answer, schema)),
          }).toMatchObject({ fits: true });
        }
      } finally {
        socket.close();
      }
    });

    it('live updates: Socket.IO subscribe acks and live events, and every /ws/sports-updates frame, are documented', async () => {
      const client = documented(doc, '/chat', 'receive');
      const server = documented(doc, '/chat', 'send');
      const sportsServer = documented(doc, '/ws/sports-updates', 'send');
      const proposal = aProposal({ stake: 10 });
      const [selection] = proposal.selections;
      // The fake sportsbook lists the slip's fixture, so it can be followed by id and by tournament name.
      const fixture: Fixture = {
        id: selection.fixture_id,
        sportId: selection.sport_id,
        tournamentId: selection.tournament_id,
        tournamentName: 'Premier League',
        homeTeam: selection.home_team,
        awayTeam: selection.away_team,
        startTime: new Date(selection.start_time),
        type: 'pre_match',
      };
      const tournament: Tournament = { id: selection.tournament_id, sportId: selection.sport_id, name: 'Premier League' };
      const sports = app.sports as unknown as Record<string, unknown>;
      sports.getAllTournaments = async () => [tournament];
      sports.getFixtures = async (query: { type?: string }) => (query.type === 'live' ? [] : [fixture]);
      const priced = (home: number, active = true): Odds => ({
        fixtureId: fixture.id,
        sportId: fixture.sportId,
        tournamentId: fixture.tournamentId,
        active,
        markets: active ? [{ key: 'result', selections: [{ outcome: 'home', name: fixture.homeTeam, odd: home, betId: selection.bet_id }] }] : [],
      });
      app.agent.plan = () => ({ tools: [{ name: 'get_odds', arguments: { team: 'Arsenal' } }], betProposal: proposal });
      const socket = await connectSocket(app.url, { user_id: 'contract-live', session_id: 'contract-live-s1' });
      const ws = await connectWs(app.url, '/ws/sports-updates');
      try {
        await socket.ack('user_message', { content: 'Odds for Arsenal?', message_id: 'contract-live-m1' });
        await socket.turn('contract-live-m1');
        const acks: Array<[string, unknown]> = [];
        const ack = async (event: string, payload: unknown) => acks.push([event, await socket.ack(event, payload)]);
        await ack('subscribe', { open_slip: true, fixture_ids: [fixture.id] });
        await ack('subscribe', { fixture_ids: 'all' });
        ws.send({ type: 'ping' });
        ws.send({ type: 'subscribe', competitions: ['Premier League'], fixture_ids: [fixture.id] });
        await ws.next((f) => f.type === 'subscription_confirmed');
        ws.send({ type: 'subscribe', fixture_ids: 'all' });
        await ws.next((f) => f.type === 'error');

        await morePolls([app]);
        app.sports.odds.set(fixture.id, priced(selection.odd + 0.2));
        await new Promise<void>((resolve) => socket.socket.once('slip_update', () => resolve()));
        await ws.next((f) => f.type === 'odds_update');
        app.sports.odds.set(fixture.id, priced(selection.odd + 0.2, false));
        await ws.next((f) => f.type === 'match_update');
        await new Promise<void>((resolve) => (socket.events.some((e) => e.event === 'match_update') ? resolve() : socket.socket.once('match_update', () => resolve())));
        await ack('unsubscribe', {});
        ws.send({ type: 'unsubscribe' });
        await ws.next((f) => f.type === 'unsubscription_confirmed');

        const live = socket.events.filter((e) => LIVE_EVENTS.includes(e.event));
        expect(sorted(live.map((e) => e.event))).toEqual(sorted(LIVE_EVENTS));
        for (const { event, payload } of live) {
          expect({ event, payload, fits: server.payloads.get(event)!.some((schema) => fits(payload, schema)) }).toMatchObject({ fits: true });
        }
        for (const [event, answer] of acks) {
          expect({ event, answer, fits: client.replies.get(event)!.some((schema) => fits(answer, schema)) }).toMatchObject({ fits: true });
        }
        expect(sorted(ws.frames.map((f) => f.type!))).toEqual(sorted(sportsServer.names));
        for (const frame of ws.frames) {
          expect({ frame, fits: sportsServer.payloads.get(frame.type!)!.some((schema) => fits(frame, schema)) }).toMatchObject({ fits: true });
        }
      } finally {
        socket.close();
        ws.close();
        app.sports.odds.clear();
        delete sports.getAllTournaments;
        delete sports.getFixtures;
      }
    });

    it('plain WebSocket /ws/chat: every frame it sends, in both formats, is documented', async () => {
      const server = documented(doc, '/ws/chat', 'send');
      const open: RecordedWs[] = [];
      try {
        const proposal = aProposal({ stake: 10 });
        app.agent.plan = () => ({
          tools: [{ name: 'get_odds', arguments: { team: 'Arsenal' } }],
          betProposal: proposal,
        });
        const ws = await connectWs(app.url, '/ws/chat?user_id=contract-ws');
        open.push(ws);
        ws.send({ type: 'ping' });
        await ws.next((f) => f.type === 'pong');
        ws.send({ type: 'typing' });
        ws.send({ type: 'user_message', content: 'Odds for Arsenal?', message_id: 'contract-w1' });
        await ws.next((f) => f.type === 'assistant_response' && f.is_final === true);
        ws.send({ type: 'confirm_bet', proposal_id: proposal.proposal_id });
        await ws.next((f) => f.type === 'bet_confirmed');
        ws.send({ type: 'no_such_frame' });
        await ws.next((f) => f.type === 'error');

        app.agent.plan = () => ({});
        const legacy = await connectWs(
          app.url,
          '/ws/chat/contract-legacy?format=legacy&user_id=contract-ws-legacy',
        );
        open.push(legacy);
        legacy.send({ type: 'user_message', content: 'Hello', message_id: 'contract-w2' });
        await legacy.next((f) => f.type === 'streaming_end');

        const frames = [...ws.frames, ...legacy.frames];
        expect(sorted(frames.map((f) => f.type!))).toEqual(sorted(server.names));
        for (const frame of frames) {
          expect({
            frame,
            fits: server.payloads.get(frame.type!)!.some((schema) => fits(frame, schema)),
          }).toMatchObject({ fits: true });
        }
      } finally {
        for (const client of open) client.close();
      }
    });
  });
});
