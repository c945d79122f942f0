import request from 'supertest';
import type { AgentEvent } from '../src/llm/agent/agent.types';
import { answerWithoutModel, cutShortNote } from '../src/llm/agent/unfinished-answers';
import { startApp } from './support/app';
import { type GeminiPart, type GeminiTestServer, startGeminiServer } from './support/gemini-server';
import { FakeSportsData } from './support/llm/fake-sports-data';
import { geminiAgent } from './support/llm/gemini-agent';

const text = (t: string): GeminiPart => ({ text: t });
const call = (name: string, args: Record<string, unknown> = {}): GeminiPart => ({ functionCall: { name, args } });
const deltasOf = (events: AgentEvent[]) =>
  events.filter((e): e is Extract<AgentEvent, { type: 'delta' }> => e.type === 'delta').map((e) => e.text);

/** What a turn with no tool results says when the model gave no usable answer. */
const noAnswer = (language: 'en' | 'es' | 'pt_br', finish: Parameters<typeof answerWithoutModel>[2]) =>
  answerWithoutModel([], language, finish);

/**
 * Every way Gemini can end a step, played by the strict local server through the real adapter:
 * a normal finish, replies cut after text was streamed (MAX_TOKENS, SAFETY, RECITATION), replies
 * without a usable answer (SAFETY or OTHER before any text, a blocked prompt, a malformed function
 * call, an empty candidate), retried where another try can help, otherwise answered from the tool
 * results already fetched, and marked degraded.
 */
describe('Gemini finish reasons (real adapter, strict local server)', () => {
  let server: GeminiTestServer;

  beforeEach(async () => {
    server = await startGeminiServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('STOP: the answer as streamed, not degraded, one request', async () => {
    server.enqueue({ kind: 'stream', chunks: [text('All good. '), 10, text('Nothing more.')] });
    const { result } = await geminiAgent(server).turn({ message: 'hi', intent: 'GREETING' });
    expect(result.text).toBe('All good. Nothing more.');
    expect(result.degraded).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['MAX_TOKENS', 'last event', undefined],
    ['SAFETY', 'own event without content', 'no content'],
    ['RECITATION', 'own event without content', 'no content'],
  ] as const)(
    '%s after text was streamed (finish in its %s): the text stays, a note says it was cut, degraded, no retry',
    async (finishReason, _where, finishAlone) => {
      server.enqueue({
        kind: 'stream',
        chunks: [text('Barcelona play on Saturday '), 10, text('and the odds are')],
        finishReason,
        ...(finishAlone ? { finishAlone } : {}),
      });
      const { result, events } = await geminiAgent(server).turn({ message: 'tell me about barca', intent: 'GENERAL_SPORTS_QUERY' });
      const finish = finishReason === 'MAX_TOKENS' ? 'max_tokens' : finishReason === 'SAFETY' ? 'safety' : 'recitation';
      const note = cutShortNote(finish, 'en');
      expect(result.text).toBe(`Barcelona play on Saturday and the odds are\n\n${note}`);
      // The note is streamed like the rest, so the final is what the user saw.
      expect(deltasOf(events).join('')).toBe(result.text);
      expect(result.degraded).toBe(true);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('MAX_TOKENS and SAFETY notes differ, in the user language', async () => {
    server.enqueue({ kind: 'stream', chunks: [text('El Barcelona juega')], finishReason: 'MAX_TOKENS' });
    const { result } = await geminiAgent(server).turn({ message: 'cuando juega el barca', intent: 'MATCH_SCHEDULE_QUERY', language: 'es' });
    expect(result.text).toBe(`El Barcelona juega\n\n${cutShortNote('max_tokens', 'es')}`);
    expect(cutShortNote('max_tokens', 'es')).not.toBe(cutShortNote('safety', 'es'));
    expect(cutShortNote('max_tokens', 'es')).not.toBe(cutShortNote('max_tokens', 'en'));
  });

  it('SAFETY before any text, after a tool ran: the answer is written from the tool result, degraded, no retry', async () => {
    server.enqueue(
      { kind: 'stream', chunks: [call('get_odds', { team_a: 'Barcelona', team_b: 'Real Madrid' })] },
      { kind: 'stream', chunks: [], finishReason: 'SAFETY', finishAlone: 'no content' },
    );
    const { result } = await geminiAgent(server).turn({
      message: 'odds barca madrid',
      intent: 'ODDS_INFORMATION_QUERY',
      entities: { teams: ['Barcelona', 'Real Madrid'] },
    });
    expect(result.functionCallsMade.map((c) => [c.name, c.status])).toEqual([['get_odds', 'ok']]);
    expect(result.text).toMatch(/Barcelona/);
    expect(result.text).toMatch(/1\.85/);
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('SAFETY before any text, with no tool results: one honest sentence in the user language', async () => {
    server.enqueue({ kind: 'stream', chunks: [], finishReason: 'SAFETY', finishAlone: 'no content' });
    const { result } = await geminiAgent(server).turn({ message: 'algo raro', intent: 'UNCLEAR', language: 'pt_br' });
    expect(result.text).toBe(noAnswer('pt_br', 'safety'));
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('a blocked prompt (promptFeedback.blockReason): not retried, an honest sentence, degraded', async () => {
    server.enqueue({ kind: 'blocked', blockReason: 'SAFETY' });
    const { result } = await geminiAgent(server).turn({ message: 'something off', intent: 'UNCLEAR', language: 'es' });
    expect(result.text).toBe(noAnswer('es', 'blocked_prompt'));
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('OTHER before any text: not retried, the honest sentence for an answer that could not be made', async () => {
    server.enqueue({ kind: 'stream', chunks: [], finishReason: 'OTHER', finishAlone: 'no content' });
    const { result } = await geminiAgent(server).turn({ message: 'hi', intent: 'GREETING' });
    expect(result.text).toBe(noAnswer('en', 'other'));
    expect(result.text).not.toBe(noAnswer('en', 'safety'));
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('MALFORMED_FUNCTION_CALL: asked again, and the second reply is the answer', async () => {
    server.enqueue(
      {
        kind: 'stream',
        chunks: [],
        finishReason: 'MALFORMED_FUNCTION_CALL',
        finishAlone: 'no content',
        finishMessage: 'Malformed function call: get_odds(team_a=Barcelona',
      },
      { kind: 'stream', chunks: [call('get_user_balance')] },
      { kind: 'stream', chunks: [text('You have $1,250.50.')] },
    );
    const { result } = await geminiAgent(server).turn({ message: 'balance', intent: 'USER_BALANCE_QUERY' });
    expect(result.text).toBe('You have $1,250.50.');
    expect(result.degraded).toBe(false);
    expect(result.functionCallsMade.map((c) => c.name)).toEqual(['get_user_balance']);
    expect(server.requests).toHaveLength(3);
    // The retry is the same request again: nothing of the malformed reply went back to the model.
    expect(server.requests[1].body.contents).toEqual(server.requests[0].body.contents);
  });

  it('MALFORMED_FUNCTION_CALL every time: retries run out, then the answer from the tool results so far', async () => {
    server
      .enqueue({ kind: 'stream', chunks: [call('get_user_balance')] })
      .always({ kind: 'stream', chunks: [], finishReason: 'MALFORMED_FUNCTION_CALL', finishAlone: 'no content' });
    const { result } = await geminiAgent(server, new FakeSportsData(), { maxRetries: 2 }).turn({
      message: 'balance',
      intent: 'USER_BALANCE_QUERY',
    });
    // One tool step, then the answering step tried three times.
    expect(server.requests).toHaveLength(4);
    expect(result.text).toMatch(/\$1,250\.50/);
    expect(result.degraded).toBe(true);
  });

  it('an empty candidate (a model turn with no parts): asked again, then answered', async () => {
    server.enqueue(
      { kind: 'stream', chunks: [], finishAlone: 'no parts' },
      { kind: 'stream', chunks: [text('Hello there.')] },
    );
    const { result } = await geminiAgent(server).turn({ message: 'hi', intent: 'GREETING' });
    expect(result.text).toBe('Hello there.');
    expect(result.degraded).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('empty every time: the honest sentence, degraded, after the configured retries', async () => {
    server.always({ kind: 'stream', chunks: [], finishAlone: 'no parts' });
    const { result } = await geminiAgent(server, new FakeSportsData(), { maxRetries: 1 }).turn({ message: 'hi', intent: 'GREETING' });
    expect(result.text).toBe(noAnswer('en', 'empty'));
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('a reply cut after text is not retried even when its finish could be (text reached the user)', async () => {
    server.enqueue({ kind: 'stream', chunks: [text('Let me check that')], finishReason: 'MALFORMED_FUNCTION_CALL' });
    const { result } = await geminiAgent(server).turn({ message: 'odds?', intent: 'ODDS_INFORMATION_QUERY' });
    expect(result.text).toBe(`Let me check that\n\n${cutShortNote('malformed_function_call', 'en')}`);
    expect(result.degraded).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('tool calls in a reply cut by MAX_TOKENS are not run', async () => {
    const data = new FakeSportsData();
    server.enqueue({ kind: 'stream', chunks: [call('get_user_balance')], finishReason: 'MAX_TOKENS' });
    const { result } = await geminiAgent(server, data).turn({ message: 'balance', intent: 'USER_BALANCE_QUERY' });
    expect(data.called('balance')).toBe(0);
    expect(result.functionCallsMade).toEqual([]);
    expect(result.text).toBe(noAnswer('en', 'max_tokens'));
    expect(result.degraded).toBe(true);
  });

  it("with LIBRARY_FAST_PATHS=false the SDK's own transport shows the same finishes", async () => {
    process.env.LIBRARY_FAST_PATHS = 'false';
    try {
      server.enqueue(
        { kind: 'stream', chunks: [], finishReason: 'MALFORMED_FUNCTION_CALL', finishAlone: 'no content' },
        { kind: 'blocked', blockReason: 'OTHER' },
      );
      const { result } = await geminiAgent(server).turn({ message: 'hi', intent: 'GREETING' });
      expect(server.requests).toHaveLength(2);
      expect(result.text).toBe(noAnswer('en', 'blocked_prompt'));
      expect(result.degraded).toBe(true);
    } finally {
      delete process.env.LIBRARY_FAST_PATHS;
    }
  });

  it('the app counts every reply by how it ended (chatbet_llm_finish_total) and marks the REST answer degraded', async () => {
    const running = await startApp({
      LLM_PROVIDER: 'gemini',
      GOOGLE_API_KEY: 'finish-key',
      GEMINI_BASE_URL: server.url,
      LLM_MAX_RETRIES: '2',
    });
    try {
      server.enqueue(
        { kind: 'stream', chunks: [], finishReason: 'MALFORMED_FUNCTION_CALL', finishAlone: 'no content' },
        { kind: 'stream', chunks: [text('Fine.')] },
        { kind: 'blocked', blockReason: 'SAFETY' },
      );
      const http = request(running.app.getHttpServer());
      const first = await http.post('/api/v1/chat/message').send({ user_id: 'u-finish', message: 'hello' }).expect(200);
      expect(first.body).toMatchObject({ message: 'Fine.' });
      expect(first.body.degraded).toBeUndefined();
      const second = await http.post('/api/v1/chat/message').send({ user_id: 'u-finish', message: 'and now?' }).expect(200);
      expect(second.body).toMatchObject({ degraded: true, message: noAnswer('en', 'blocked_prompt') });

      const metrics = (await http.get('/metrics').expect(200)).text;
      const count = (reason: string) =>
        Number(new RegExp(`^chatbet_llm_finish_total\\{reason="${reason}"\\} (\\d+)`, 'm').exec(metrics)?.[1]);
      expect(count('malformed_function_call')).toBe(1);
      expect(count('stop')).toBe(1);
      expect(count('blocked_prompt')).toBe(1);
      // Reasons not seen yet are there at 0.
      expect(count('recitation')).toBe(0);
    } finally {
      await running.close();
    }
  });
});
