import type { GenerateContentResponse } from '@google/generative-ai';
import { AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import { concat } from '@langchain/core/utils/stream';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { genAiInternals, geminiStepChunks } from './gemini-step-stream';
import { geminiClientOf } from './gemini-stream-transport';
import { messageText, type StepChunk, TextChunk } from './step-chunk';

/**
 * The @langchain/google-genai internals gemini-step-stream.ts relies on, and the promise it makes:
 * a step streamed through it reads the same as through LangChain's own `_streamResponseChunks`
 * (same text, tool calls, thought signatures, usage totals and finish reason), with plain text
 * events handed on as TextChunks. If an upgrade changes them this fails by name;
 * LIBRARY_FAST_PATHS=false keeps LangChain's own path.
 */
describe('contract: @langchain/google-genai internals behind gemini-step-stream.ts', () => {
  const model = () => new ChatGoogleGenerativeAI({ model: 'gemini-2.5-flash', apiKey: 'k', maxRetries: 0, streaming: true, streamUsage: true });

  function serving(chat: ChatGoogleGenerativeAI, events: GenerateContentResponse[]): unknown[] {
    const requests: unknown[] = [];
    geminiClientOf(chat).generateContentStream = (request) => {
      requests.push(request);
      return Promise.resolve({
        stream: (async function* () {
          yield* events;
        })(),
        response: Promise.resolve(undefined),
      });
    };
    return requests;
  }

  /** What the agent keeps of a step: its text, and the LangChain chunks that carry anything else, folded. */
  function read(chunks: StepChunk[]) {
    const carriers = chunks.filter((c): c is AIMessageChunk => !(c instanceof TextChunk));
    const folded = carriers.length ? carriers.reduce((a, b) => concat(a, b)) : new AIMessageChunk({ content: '' });
    return {
      text: chunks.map(messageText).join(''),
      toolCalls: folded.tool_calls?.map(({ name, args }) => ({ name, args })),
      signatures: Object.values((folded.additional_kwargs ?? {}) as Record<string, object>).flatMap((map) => Object.values(map ?? {})),
      usage: folded.usage_metadata?.total_tokens,
      finish: (folded.response_metadata as { finishReason?: string }).finishReason,
    };
  }

  async function both(events: GenerateContentResponse[]) {
    const signal = new AbortController().signal;
    const langchain = model();
    serving(langchain, events);
    const theirs: StepChunk[] = [];
    for await (const chunk of langchain._streamResponseChunks([new HumanMessage('hi')], { signal })) {
      const message = chunk.message;
      message.response_metadata = { ...chunk.generationInfo, ...message.response_metadata };
      theirs.push(message as AIMessageChunk);
    }
    const direct = model();
    const requests = serving(direct, events);
    const ours: StepChunk[] = [];
    for await (const chunk of geminiStepChunks(direct, [new HumanMessage('hi')], { signal })) ours.push(chunk);
    return { theirs, ours, requests };
  }

  const text = (t: string, usage?: object): GenerateContentResponse =>
    ({ candidates: [{ index: 0, content: { role: 'model', parts: [{ text: t }] } }], ...(usage ? { usageMetadata: usage } : {}) }) as GenerateContentResponse;
  const finish = (usage?: object): GenerateContentResponse =>
    ({
      candidates: [{ index: 0, content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }],
      ...(usage ? { usageMetadata: usage } : {}),
    }) as GenerateContentResponse;

  it('the converters it loads are where it loads them from, and the request builder is on the adapter', () => {
    expect(typeof genAiInternals().convertResponseContentToChatGenerationChunk).toBe('function');
    expect(typeof genAiInternals().convertUsageMetadata).toBe('function');
    expect(typeof (model() as unknown as Record<string, unknown>)._buildGenerateContentRequest).toBe('function');
  });

  it('reads a text answer with usage only at the end as LangChain does, the text as TextChunks', async () => {
    const { theirs, ours, requests } = await both([text('Real '), text('Madrid '), text('play at 20:00.'), finish({ promptTokenCount: 40, candidatesTokenCount: 6, totalTokenCount: 46 })]);
    expect(read(ours)).toEqual(read(theirs));
    expect(read(ours)).toEqual({ text: 'Real Madrid play at 20:00.', toolCalls: [], signatures: [], usage: 46, finish: 'STOP' });
    expect(ours.slice(0, 3).every((c) => c instanceof TextChunk)).toBe(true);
    expect(requests).toEqual([expect.objectContaining({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] })]);
  });

  it('adds up running usage totals on every event, as Gemini sends them, to the same total', async () => {
    const events = [
      text('One ', { promptTokenCount: 40, candidatesTokenCount: 1, totalTokenCount: 41 }),
      text('two ', { promptTokenCount: 40, candidatesTokenCount: 2, totalTokenCount: 42 }),
      finish({ promptTokenCount: 40, candidatesTokenCount: 3, totalTokenCount: 43 }),
    ];
    const { theirs, ours } = await both(events);
    expect(read(ours)).toEqual(read(theirs));
    expect(read(ours).usage).toBe(43);
  });

  it('keeps usage that arrived after the last event LangChain would convert', async () => {
    const { ours } = await both([finish(), text('late ', { promptTokenCount: 10, candidatesTokenCount: 2, totalTokenCount: 12 })]);
    expect(read(ours).usage).toBe(12);
  });

  it('converts function calls with their thought signatures through LangChain', async () => {
    const call = {
      candidates: [
        {
          index: 0,
          content: { role: 'model', parts: [{ functionCall: { name: 'get_odds', args: { fixture_id: 'f1' } }, thoughtSignature: 'sig-1' }] },
        },
      ],
    } as unknown as GenerateContentResponse;
    const { theirs, ours } = await both([text('Let me look. '), call, finish({ promptTokenCount: 5, candidatesTokenCount: 5, totalTokenCount: 10 })]);
    expect(read(ours)).toEqual(read(theirs));
    expect(read(ours).toolCalls).toEqual([{ name: 'get_odds', args: { fixture_id: 'f1' } }]);
    expect(read(ours).signatures).toEqual(['sig-1']);
  });
});
