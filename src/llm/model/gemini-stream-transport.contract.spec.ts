import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { geminiClientOf } from './gemini-stream-transport';

/**
 * The Gemini SDK internals gemini-stream-transport.ts relies on: LangChain's adapter keeps the
 * SDK's GenerativeModel as `client`, whose `generateContentStream` it calls for every streamed
 * step and whose fields (model, key, settings, request options) make the request. If an upgrade
 * changes them this fails by name; LIBRARY_FAST_PATHS=false keeps the SDK's own transport.
 */
describe('contract: Gemini SDK internals behind gemini-stream-transport.ts', () => {
  it('the adapter holds the SDK client with the fields a request is built from', () => {
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'contract-key',
      baseUrl: 'http://127.0.0.1:9',
      temperature: 0.1,
      maxOutputTokens: 300,
      thinkingConfig: { thinkingBudget: 0 },
    });
    const client = geminiClientOf(model);
    expect(typeof client.generateContentStream).toBe('function');
    expect(client.model).toBe('models/gemini-2.5-flash');
    expect(client.apiKey).toBe('contract-key');
    expect(client._requestOptions).toEqual(expect.objectContaining({ baseUrl: 'http://127.0.0.1:9' }));
    expect(client.generationConfig).toEqual(
      expect.objectContaining({ temperature: 0.1, maxOutputTokens: 300, thinkingConfig: { thinkingBudget: 0 } }),
    );
  });

  it('the adapter streams by calling client.generateContentStream (the method the seam replaces)', async () => {
    const model = new ChatGoogleGenerativeAI({ model: 'gemini-2.5-flash', apiKey: 'k', maxRetries: 0, streaming: true });
    const seen: unknown[] = [];
    geminiClientOf(model).generateContentStream = (request) => {
      seen.push(request);
      return Promise.reject(new Error('stop here'));
    };
    const read = async () => {
      for await (const chunk of await model.stream('hi')) void chunk;
    };
    await expect(read()).rejects.toThrow('stop here');
    expect(seen).toEqual([expect.objectContaining({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] })]);
  });

  it('LangChain drops events without candidate content and copies the candidate fields into the chunk (why withVisibleOutcome exists)', async () => {
    const model = new ChatGoogleGenerativeAI({ model: 'gemini-2.5-flash', apiKey: 'k', maxRetries: 0, streaming: true });
    const events = [
      { promptFeedback: { blockReason: 'SAFETY' } },
      { candidates: [{ index: 0, finishReason: 'SAFETY' }] },
      { candidates: [{ index: 0, content: { role: 'model', parts: [] }, finishReason: 'OTHER', promptFeedback: { blockReason: 'OTHER' } }] },
    ];
    geminiClientOf(model).generateContentStream = () =>
      Promise.resolve({
        stream: (async function* () {
          yield* events;
        })() as never,
        response: Promise.resolve(undefined),
      });
    const seen: Array<Record<string, unknown>> = [];
    for await (const chunk of await model.stream('hi')) seen.push(chunk.response_metadata);
    expect(seen).toEqual([expect.objectContaining({ finishReason: 'OTHER', promptFeedback: { blockReason: 'OTHER' } })]);
  });
});
