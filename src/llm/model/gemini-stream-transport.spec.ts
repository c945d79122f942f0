import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GoogleGenerativeAIAbortError, GoogleGenerativeAIFetchError } from '@google/generative-ai';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { isRetryableModelError } from './llm-errors';
import { adaptGeminiClient, requestJson, withVisibleOutcome } from './gemini-stream-transport';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const event = (text: string, last = false) =>
  `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }] })}\r\n\r\n`;

describe('Gemini streaming over undici', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => handler(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function client(url = baseUrl) {
    const model = new ChatGoogleGenerativeAI({ model: 'gemini-test', apiKey: 'test-key', temperature: 0.3, baseUrl: url, maxRetries: 0 });
    adaptGeminiClient(model);
    return (model as unknown as { client: { generateContentStream(r: unknown, o?: unknown): Promise<{ stream: AsyncIterable<unknown> }> } }).client;
  }

  async function texts(url?: string, onText?: (text: string) => void): Promise<string[]> {
    const { stream } = await client(url).generateContentStream({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const out: string[] = [];
    for await (const response of stream) {
      out.push((response as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }).candidates[0].content.parts[0].text);
      onText?.(out[out.length - 1]);
    }
    return out;
  }

  it('sends the SDK request (URL, key header, model config merged with the call) and reads events split across writes', async () => {
    let seen: { url?: string; key?: string; body?: Record<string, unknown> } = {};
    handler = (req, res, body) => {
      seen = { url: req.url, key: req.headers['x-goog-api-key'] as string, body: JSON.parse(body) as Record<string, unknown> };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const first = event('Hello ');
      res.write(first.slice(0, 30));
      setTimeout(() => res.write(first.slice(30)), 20);
      // The second event only once the first was read: two reads, whatever the machine's load.
      void firstRead.then(() => res.end(event('there', true)));
    };
    let read!: () => void;
    const firstRead = new Promise<void>((resolve) => (read = resolve));
    expect(await texts(undefined, read)).toEqual(['Hello ', 'there']);
    expect(seen.url).toBe('/v1beta/models/gemini-test:streamGenerateContent?alt=sse');
    expect(seen.key).toBe('test-key');
    expect(seen.body).toMatchObject({ contents: [{ role: 'user' }], generationConfig: { temperature: 0.3 } });
  });

  it('joins plain text events that arrive in one read, keeping the finish reason and usage of the last', async () => {
    const usage = { promptTokenCount: 9, candidatesTokenCount: 3, totalTokenCount: 12 };
    const call = `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_odds', args: {} } }] }, index: 0 }] })}\r\n\r\n`;
    const last = `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'c' }] }, index: 0, finishReason: 'STOP' }], usageMetadata: usage })}\r\n\r\n`;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(event('a') + event('b') + call + event('x') + last);
    };
    const { stream } = await client().generateContentStream({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const responses: Array<{ candidates: Array<{ content: { parts: unknown[] }; finishReason?: string }>; usageMetadata?: unknown }> = [];
    for await (const response of stream) responses.push(response as (typeof responses)[number]);
    expect(responses.map((r) => r.candidates[0].content.parts)).toEqual([
      [{ text: 'ab' }],
      [{ functionCall: { name: 'get_odds', args: {} } }],
      [{ text: 'xc' }],
    ]);
    expect(responses[2]).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: usage });
  });

  it('hands on a blocked prompt and a candidate without content with an empty model turn, their finish and feedback kept', async () => {
    const blocked = { promptFeedback: { blockReason: 'SAFETY', safetyRatings: [] }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } };
    const malformed = { candidates: [{ index: 0, finishReason: 'MALFORMED_FUNCTION_CALL', finishMessage: 'bad call' }] };
    const noParts = { candidates: [{ index: 0, content: { role: 'model' }, finishReason: 'STOP' }] };
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end([event('a'), ...[blocked, malformed, noParts].map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`)].join(''));
    };
    const { stream } = await client().generateContentStream({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const responses: unknown[] = [];
    for await (const response of stream) responses.push(response);
    expect(responses).toEqual([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, index: 0 }] },
      {
        ...blocked,
        candidates: [{ index: 0, content: { role: 'model', parts: [] }, promptFeedback: blocked.promptFeedback }],
      },
      { candidates: [{ ...malformed.candidates[0], content: { role: 'model', parts: [] } }] },
      { candidates: [{ ...noParts.candidates[0], content: { role: 'model', parts: [] } }] },
    ]);
    // An event LangChain already converts is handed on as it is.
    const plain = { candidates: [{ index: 0, content: { role: 'model', parts: [] }, finishReason: 'STOP' }] };
    expect(withVisibleOutcome(plain as never)).toBe(plain);
  });

  it('fails an error status with the SDK error carrying the status and the provider message', async () => {
    handler = (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 503, message: 'overloaded' } }));
    };
    const failure = await texts().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GoogleGenerativeAIFetchError);
    expect(failure).toMatchObject({ status: 503, message: expect.stringContaining('[503 Service Unavailable] overloaded') });
    expect(isRetryableModelError(failure)).toBe(true);
  });

  it('does not retry a 400, even with a body that is not JSON', async () => {
    handler = (_req, res) => {
      res.writeHead(400);
      res.end('bad request');
    };
    const failure = await texts().catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 400 });
    expect(isRetryableModelError(failure)).toBe(false);
  });

  it('fails loudly on an event that is not JSON and on a body cut mid-event', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${event('ok')}data: {not json\r\n\r\n`);
    };
    await expect(texts()).rejects.toThrow(/Error parsing JSON response/);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${event('ok')}data: {"candidates": [`);
    };
    await expect(texts()).rejects.toThrow(/Error parsing JSON response/);
  });

  it('closes the request when the reader stops or the signal aborts, and fails an aborted read as aborted', async () => {
    const closed: string[] = [];
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event('first '));
      res.on('close', () => closed.push(req.headers['x-case'] as string));
    };
    const open = (name: string, signal?: AbortSignal) =>
      client().generateContentStream({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { customHeaders: { 'x-case': name }, signal });

    const early = await open('break');
    for await (const response of early.stream) if (response) break;

    const controller = new AbortController();
    const aborted = await open('abort', controller.signal);
    const reading = (async () => {
      for await (const response of aborted.stream) if (response) controller.abort();
    })();
    await expect(reading).rejects.toBeInstanceOf(GoogleGenerativeAIAbortError);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed.sort()).toEqual(['abort', 'break']);
  });

  it('pauses a response whose events the reader does not take, and reads every event once it does', async () => {
    const many = Array.from({ length: 300 }, (_, i) => event(`${i} `)).join('');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(many + event('end', true));
    };
    const { stream } = await client().generateContentStream({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let text = '';
    for await (const response of stream) text += (response as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }).candidates[0].content.parts[0].text;
    expect(text).toBe(`${Array.from({ length: 300 }, (_, i) => `${i} `).join('')}end`);
  });

  it('reports an unreachable provider as a retryable fetch failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await texts(url).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/Error fetching from .*ECONNREFUSED/);
    expect(isRetryableModelError(failure)).toBe(true);
  });
});

describe('requestJson', () => {
  const declaration = { functionDeclarations: [{ name: 'get_odds', description: 'Odds of a fixture', parameters: { type: 'object' } }] };

  it('is the same request as JSON.stringify, whatever the other fields', () => {
    const bodies: Array<Record<string, unknown>> = [
      { contents: [{ role: 'user', parts: [{ text: 'hola' }] }], tools: [declaration], generationConfig: { temperature: 0.3 }, cachedContent: undefined },
      { tools: [declaration, { googleSearch: {} }] },
      { contents: [], tools: undefined },
      { contents: [{ role: 'user', parts: [{ text: 'sin herramientas' }] }] },
    ];
    for (const body of bodies) expect(JSON.parse(requestJson(body))).toEqual(JSON.parse(JSON.stringify(body)));
  });

  it('writes a declaration once and reuses it while the object lives', () => {
    const spy = jest.spyOn(JSON, 'stringify');
    const tool = { functionDeclarations: [{ name: 'get_balance', description: 'Balance', parameters: { type: 'object' } }] };
    requestJson({ contents: [], tools: [tool] });
    requestJson({ contents: [{ role: 'user', parts: [{ text: 'again' }] }], tools: [tool] });
    const ofTool = spy.mock.calls.filter(([value]) => value === tool).length;
    spy.mockRestore();
    expect(ofTool).toBe(1);
  });
});
