import request from 'supertest';
import { MetricsService } from '../src/metrics/metrics.service';
import type { RunningApp } from './support/app';
import { startGeminiApp } from './support/gemini-app';
import { connectSocket, type Frame } from './support/fakes/socket-clients';
import type { GeminiPart, GeminiTestServer, RecordedRequest } from './support/gemini-server';

/**
 * The grounding guard with the Gemini engine: the real app (LLM_PROVIDER=gemini, real tools,
 * embedded simulator) talks to the strict local Gemini server, which calls get_odds and then
 * writes an answer. What the client receives over Socket.IO is checked against the price the
 * tool handed the model.
 */

const text = (t: string): GeminiPart => ({ text: t });
const call = (name: string, args: Record<string, unknown> = {}): GeminiPart => ({
  functionCall: { name, args },
});

/** The get_odds result the model was given in a request, as the tool wrote it. */
function oddsSentTo(req: RecordedRequest): Record<string, any> {
  for (const content of req.body.contents ?? [])
    for (const part of content.parts) {
      const response = part.functionResponse as { name: string; response: { result?: string } } | undefined;
      if (response?.name === 'get_odds' && typeof response.response.result === 'string')
        return JSON.parse(response.response.result) as Record<string, any>;
    }
  throw new Error('no get_odds result went back to the model');
}

/** Arsenal's price to win its match, as the tool gave it, written as prices are ("2.10"). */
function arsenalPrice(odds: Record<string, any>): string {
  const side = odds.fixture.home_team === 'Arsenal' ? 'home' : 'away';
  const result = (odds.markets as Array<Record<string, any>>).find((m) => m.market === 'result');
  const selection = (result?.selections as Array<{ outcome: string; odd: number }>).find(
    (s) => s.outcome === side,
  );
  return selection!.odd.toFixed(2);
}

describe('grounding guard with the Gemini engine (real app, strict local Gemini server, embedded simulator)', () => {
  let server: GeminiTestServer;
  let running: RunningApp;
  beforeAll(async () => {
    ({ server, running } = await startGeminiApp('guard-test-key'));
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await server?.stop();
  });

  it('the model writes a wrong price: the client receives the sentence with the tool’s price, and grounded: false', async () => {
    const mark = server.requests.length;
    server.enqueue(
      { kind: 'stream', chunks: [call('get_odds', { team_a: 'Arsenal' })] },
      {
        kind: 'stream',
        chunks: [
          text('Arsenal are '),
          15,
          text('9.99 to win '),
          15,
          text('their next match. '),
          15,
          text('Bet only what you can afford to lose.'),
        ],
      },
    );
    const client = await connectSocket(running.url, { user_id: 'guard-user', session_id: 'guard-s1' });
    try {
      await client.ack('user_message', { content: 'odds for arsenal?', message_id: 'guard-m1' });
      const frames = await client.turn('guard-m1');
      const mine = server.requests.slice(mark);
      expect(mine.map((r) => r.refused)).toEqual([undefined, undefined]);
      const price = arsenalPrice(oddsSentTo(mine[1]));
      expect(price).not.toBe('9.99');

      const answer = `Arsenal are ${price} to win their next match. Bet only what you can afford to lose.`;
      const deltas = frames
        .filter((f) => f.event === 'assistant_response' && !f.is_final)
        .map((f) => f.content as string);
      expect(deltas.join('')).toBe(answer);
      expect(deltas.some((d) => d.includes('9.99'))).toBe(false);
      const final = frames.find((f) => f.is_final) as Frame;
      expect(final).toMatchObject({
        content: answer,
        grounded: false,
        grounding: { corrected: [{ kind: 'price', wrote: '9.99', fact: price }] },
      });
      expect(final.grounding.fallback).toBeUndefined();
      expect((await running.app.get(MetricsService).render()).body).toMatch(
        /chatbet_grounding_corrections_total\{kind="price",action="replaced"\} [1-9]/,
      );

      // What the session keeps is what the user read.
      const history = await request(running.url)
        .get('/api/v1/chat/conversations/guard-user?session_id=guard-s1')
        .expect(200);
      expect(
        (history.body as { messages: Array<{ role: string; content: string }> }).messages.at(-1),
      ).toMatchObject({
        role: 'assistant',
        content: answer,
      });
    } finally {
      client.close();
    }
  });

  it('the model quotes the tool’s price: the answer streams unchanged, and grounded: true', async () => {
    const mark = server.requests.length;
    // The right price is only known once the tool has run: the first turn reads it.
    server.enqueue(
      { kind: 'stream', chunks: [call('get_odds', { team_a: 'Arsenal' })] },
      { kind: 'stream', chunks: [text('One moment.')] },
    );
    await request(running.url)
      .post('/api/v1/chat/message')
      .send({ message: 'arsenal odds', user_id: 'guard-rest' })
      .expect(200);
    const price = arsenalPrice(oddsSentTo(server.requests[mark + 1]));

    server.enqueue(
      { kind: 'stream', chunks: [call('get_odds', { team_a: 'Arsenal' })] },
      { kind: 'stream', chunks: [text(`Arsenal are ${price} `), text('to win their next match.')] },
    );
    const res = await request(running.url)
      .post('/api/v1/chat/message')
      .send({ message: 'arsenal odds again', user_id: 'guard-rest' })
      .expect(200);
    expect(res.body).toMatchObject({
      message: `Arsenal are ${price} to win their next match.`,
      grounded: true,
    });
    expect((res.body as Record<string, unknown>).grounding).toBeUndefined();
  });
});
