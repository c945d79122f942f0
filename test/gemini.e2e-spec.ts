import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { Agent, type AgentEvent } from '../src/llm/agent/agent.types';
import { emptyEntities } from '../src/common/protocol';
import { startApp } from './support/app';
import { adaptGeminiClient } from '../src/llm/model/gemini-stream-transport';
import { buildAgent } from './support/llm/agent-harness';
import { FakeSportsData } from './support/llm/fake-sports-data';
import { geminiAgent } from './support/llm/gemini-agent';
import { type GeminiTestServer, startGeminiServer } from './support/gemini-server';

const text = (t: string) => ({ text: t });

describe('Gemini engine through the real ChatGoogleGenerativeAI adapter', () => {
  let server: GeminiTestServer;

  beforeEach(async () => {
    server = await startGeminiServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('streams an answer as several deltas and reports the provider token usage', async () => {
    server.enqueue({
      kind: 'stream',
      // Paced like a model: events written back to back may reach the adapter in one read, and
      // plain text that arrives together is handed on as one response (gemini-stream-transport).
      chunks: [text('Hello! '), 80, text('I can show fixtures, '), 80, text('odds and payouts.')],
      usage: { promptTokenCount: 120, candidatesTokenCount: 12, totalTokenCount: 132 },
    });
    const { turn } = geminiAgent(server);
    const { result, events } = await turn({ message: 'hi', intent: 'GREETING' });

    const deltas = events
      .filter((e): e is Extract<AgentEvent, { type: 'delta' }> => e.type === 'delta')
      .map((e) => e.text);
    // Streamed, not written at once: the first event is a delta of its own. (A machine slowed
    // enough may still read the two later events together: their boundary is not asserted.)
    expect(deltas[0]).toBe('Hello! ');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join('')).toBe('Hello! I can show fixtures, odds and payouts.');
    expect(result.text).toBe('Hello! I can show fixtures, odds and payouts.');
    expect(result.tokenCount).toBe(132);
    expect(result.functionCallsMade).toEqual([]);

    const [request] = server.requests;
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request.apiKey).toBe('test-google-key');
    expect(request.body.systemInstruction?.parts[0].text).toContain(
      'Never say or imply that a bet was placed',
    );
    expect(request.body.systemInstruction?.parts[0].text).toContain('"intent":"GREETING"');
    expect(request.body.contents?.at(-1)).toEqual({ role: 'user', parts: [{ text: 'hi' }] });
  });

  it('declares the tools, runs the function call and sends the functionResponse back', async () => {
    server.enqueue(
      {
        kind: 'stream',
        chunks: [
          { functionCall: { name: 'get_odds', args: { team_a: 'Barcelona', team_b: 'Real Madrid' } } },
        ],
      },
      { kind: 'stream', chunks: [text('Barcelona are '), text('1.85 to win.')] },
    );
    const data = new FakeSportsData();
    const { turn } = geminiAgent(server, data);
    const { result, events } = await turn({
      message: 'odds barca madrid',
      intent: 'ODDS_INFORMATION_QUERY',
      entities: { teams: ['Barcelona', 'Real Madrid'] },
    });

    expect(result.text).toBe('Barcelona are 1.85 to win.');
    expect(result.functionCallsMade).toEqual([
      expect.objectContaining({
        name: 'get_odds',
        arguments: { team_a: 'Barcelona', team_b: 'Real Madrid' },
        status: 'ok',
      }),
    ]);
    expect(
      events.filter((e) => e.type === 'tool_call').map((e) => (e.type === 'tool_call' ? e.status : '')),
    ).toEqual(['started', 'ok']);
    expect(data.called('odds')).toBe(1);

    expect(server.requests).toHaveLength(2);
    const declared = server.requests[0].body.tools
      ?.flatMap((t) => t.functionDeclarations ?? [])
      .map((d) => d.name);
    expect(declared).toEqual(
      expect.arrayContaining([
        'get_sports',
        'get_tournaments',
        'get_fixtures',
        'find_match',
        'get_odds',
        'calculate_payout',
        'get_user_balance',
        'propose_bet',
        'get_recommendations',
      ]),
    );
    const followUp = server.requests[1].body.contents ?? [];
    const modelTurn = followUp.find((c) => c.role === 'model');
    expect(modelTurn?.parts).toEqual([
      expect.objectContaining({
        functionCall: { name: 'get_odds', args: { team_a: 'Barcelona', team_b: 'Real Madrid' } },
      }),
    ]);
    const responsePart = followUp.flatMap((c) => c.parts).find((p) => 'functionResponse' in p) as
      { functionResponse: { name: string; response: unknown } } | undefined;
    expect(responsePart?.functionResponse.name).toBe('get_odds');
    expect(JSON.stringify(responsePart?.functionResponse.response)).toContain('1.85');
  });

  it('declares tools the strict server accepts, and hands back the thought signature of each call', async () => {
    server.enqueue(
      { kind: 'stream', chunks: [{ functionCall: { name: 'get_user_balance', args: {} } }] },
      { kind: 'stream', chunks: [text('You have 1000.')] },
    );
    const { turn } = geminiAgent(server);
    const { result } = await turn({ message: 'balance?', intent: 'USER_BALANCE_QUERY' });
    expect(result.text).toBe('You have 1000.');
    expect(server.requests.map((r) => r.refused)).toEqual([undefined, undefined]);
    const modelTurn = server.requests[1].body.contents?.find((c) => c.role === 'model');
    expect(modelTurn?.parts[0]).toMatchObject({ thoughtSignature: 'sig-1' });
  });

  it("is refused by the strict server with LangChain's own declarations (exclusiveMinimum), and a 400 is not retried", async () => {
    const plain = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
      streaming: true,
    });
    adaptGeminiClient(plain);
    const { turn } = buildAgent(new FakeSportsData(), plain, { maxRetries: 2, retryInitialDelayMs: 5 });
    await expect(turn({ message: 'hi', intent: 'GREETING' })).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].refused).toMatch(/Unknown name "(exclusiveMinimum|additionalProperties|\$schema)"/);
  });

  it('sends the responses to parallel function calls back together, in one turn', async () => {
    server.enqueue(
      {
        kind: 'stream',
        chunks: [
          [
            { functionCall: { name: 'get_user_balance', args: {} } },
            { functionCall: { name: 'find_match', args: { team_a: 'Barcelona' } } },
          ],
        ],
      },
      { kind: 'stream', chunks: [text('Done.')] },
    );
    const { turn } = geminiAgent(server);
    const { result } = await turn({ message: 'balance and next barca game', intent: 'HELP_REQUEST' });
    expect(result.text).toBe('Done.');
    expect(result.functionCallsMade.map((c) => c.name).sort()).toEqual(['find_match', 'get_user_balance']);
    const contents = server.requests[1].body.contents ?? [];
    expect(server.requests[1].refused).toBeUndefined();
    const answers = contents.filter((c) => c.parts.some((p) => 'functionResponse' in p));
    expect(answers).toHaveLength(1);
    expect(answers[0].parts.map((p) => (p.functionResponse as { name: string }).name).sort()).toEqual([
      'find_match',
      'get_user_balance',
    ]);
  });

  it("with LIBRARY_FAST_PATHS=false runs the SDK's own transport, and its requests still pass the strict server", async () => {
    process.env.LIBRARY_FAST_PATHS = 'false';
    try {
      server.enqueue(
        {
          kind: 'stream',
          chunks: [
            [
              { functionCall: { name: 'get_user_balance', args: {} } },
              { functionCall: { name: 'get_sports', args: {} } },
            ],
          ],
        },
        { kind: 'stream', chunks: [text('Public path.')] },
      );
      const { turn } = geminiAgent(server);
      const { result } = await turn({ message: 'balance and sports', intent: 'HELP_REQUEST' });
      expect(result.text).toBe('Public path.');
      expect(server.requests.map((r) => r.refused)).toEqual([undefined, undefined]);
      expect(server.requests[0].path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    } finally {
      delete process.env.LIBRARY_FAST_PATHS;
    }
  });

  it('sends the declarations, tool config and generation settings recorded in the snapshot', async () => {
    // A library upgrade that changes what goes on the wire shows here, in review, as a snapshot diff.
    server.enqueue({ kind: 'stream', chunks: [text('Hi.')] });
    const { turn } = geminiAgent(server);
    await turn({ message: 'hi', intent: 'GREETING' });
    const { tools, toolConfig, generationConfig } = server.requests[0].body as Record<string, unknown>;
    expect({ tools, toolConfig, generationConfig }).toMatchSnapshot();
  });

  it('retries a 429 and then answers', async () => {
    server.enqueue(
      { kind: 'status', status: 429, message: 'Resource has been exhausted' },
      { kind: 'stream', chunks: [text('Back again.')] },
    );
    const { turn } = geminiAgent(server);
    const { result } = await turn({ message: 'hi', intent: 'GREETING' });
    expect(result.text).toBe('Back again.');
    expect(server.requests).toHaveLength(2);
  });

  it('fails with LLM_UNAVAILABLE when the provider keeps answering 5xx', async () => {
    server.always({ kind: 'status', status: 500, message: 'internal' });
    const { turn } = geminiAgent(server, new FakeSportsData(), { maxRetries: 2 });
    await expect(turn({ message: 'hi', intent: 'GREETING' })).rejects.toMatchObject({
      code: 'LLM_UNAVAILABLE',
    });
    expect(server.requests).toHaveLength(3);
  });

  it('fails with LLM_TIMEOUT when the provider never answers', async () => {
    server.always({ kind: 'hang' });
    const { turn } = geminiAgent(server, new FakeSportsData(), { timeoutMs: 300 });
    await expect(turn({ message: 'hi', intent: 'GREETING' })).rejects.toMatchObject({ code: 'LLM_TIMEOUT' });
    await server.waitForClientAbort();
    expect(server.requests[0].abortedByClient).toBe(true);
  });

  it('closes the provider request when the turn is aborted mid-stream', async () => {
    server.enqueue({ kind: 'stream', chunks: [text('Part one. '), 15, text('Part two. ')], holdOpen: true });
    const { turn } = geminiAgent(server);
    const controller = new AbortController();
    let deltas = 0;
    const { result } = await turn(
      { message: 'tell me everything', intent: 'HELP_REQUEST' },
      controller.signal,
      (e) => {
        if (e.type === 'delta' && ++deltas === 2) controller.abort();
      },
    );
    expect(result.stopped).toBe(true);
    expect(result.text).toBe('Part one. Part two. ');
    await server.waitForClientAbort();
    expect(server.requests[0].abortedByClient).toBe(true);
  });

  it('is what the app runs when LLM_PROVIDER=gemini and GEMINI_BASE_URL point at the server', async () => {
    server.enqueue({ kind: 'stream', chunks: [text('From the '), text('configured model.')] });
    const running = await startApp({
      LLM_PROVIDER: 'gemini',
      GOOGLE_API_KEY: 'app-key',
      GEMINI_MODEL: 'gemini-test-model',
      GEMINI_BASE_URL: server.url,
    });
    try {
      const result = await running.app.get(Agent).run(
        {
          userId: 'u',
          sessionId: 's',
          messageId: 'm',
          message: 'hello',
          language: 'en',
          nlu: {
            language: 'en',
            intent: 'GREETING',
            confidence: 1,
            entities: emptyEntities(),
            inherited: false,
          },
          history: [
            { role: 'user', content: 'earlier question' },
            { role: 'assistant', content: 'earlier answer' },
          ],
        },
        () => undefined,
        new AbortController().signal,
      );
      expect(result.text).toBe('From the configured model.');
      const [request] = server.requests;
      expect(request.path).toBe('/v1beta/models/gemini-test-model:streamGenerateContent?alt=sse');
      expect(request.apiKey).toBe('app-key');
      expect(request.body.contents?.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    } finally {
      await running.close();
    }
  });
});
