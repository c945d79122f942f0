import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { LLMResult } from '@langchain/core/outputs';
import { type StepModel, streamChunks } from './langchain-fast-path';
import { asMessageChunk, messageText } from './step-chunk';

interface FakeOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

/** Streams three pieces and remembers the call options it was given. */
class ThreePieceModel extends BaseChatModel<FakeOptions, AIMessageChunk> {
  seen: FakeOptions[] = [];
  _llmType() {
    return 'three-pieces';
  }
  override bindTools(tools: BindToolsInput[], kwargs?: Partial<FakeOptions>) {
    return this.withConfig({ tools, ...kwargs });
  }
  _generate(): Promise<ChatResult> {
    return Promise.resolve({ generations: [{ text: 'abc', message: new AIMessage('abc') }] });
  }
  /** Set when the provider's stream was closed (ended, returned or thrown out of). */
  closed = false;
  /** A provider that never looks at the signal: only the consumer's side can stop it. */
  heedsSignal = true;
  override async *_streamResponseChunks(_messages: BaseMessage[], options: this['ParsedCallOptions']) {
    this.seen.push(options);
    try {
      for (const piece of ['Hello ', 'there ', 'friend']) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.heedsSignal && options.signal?.aborted) return;
        yield new ChatGenerationChunk({
          text: piece,
          message: new AIMessageChunk({ content: piece }),
          generationInfo: piece === 'friend' ? { finishReason: 'STOP' } : undefined,
        });
      }
    } finally {
      this.closed = true;
    }
  }
}

const TOOL = { name: 'get_balance', description: 'balance', schema: { type: 'object', properties: {} } };

async function collect(model: StepModel, signal = new AbortController().signal): Promise<AIMessageChunk[]> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of streamChunks(model, [new HumanMessage('hi')], signal)) chunks.push(asMessageChunk(chunk));
  return chunks;
}

describe('streamChunks', () => {
  afterEach(() => {
    delete process.env.LANGSMITH_TRACING;
    delete process.env.LIBRARY_FAST_PATHS;
  });

  it('takes the public stream() path, with the same chunks and options, when the library fast paths are off', async () => {
    process.env.LIBRARY_FAST_PATHS = 'false';
    const model = new ThreePieceModel({});
    const spy = jest.spyOn(model, '_streamIterator');
    const chunks = await collect(model.bindTools([TOOL], { tool_choice: 'none' }) as StepModel);
    expect(chunks.map((c) => c.text)).toEqual(['Hello ', 'there ', 'friend']);
    expect(model.seen[0]).toMatchObject({ tools: [TOOL], tool_choice: 'none' });
    expect(spy).toHaveBeenCalled();
  });

  it('streams the provider chunks with the bound call options and the finish metadata', async () => {
    const model = new ThreePieceModel({});
    const bound = model.bindTools([TOOL], { tool_choice: 'none' }) as StepModel;
    const spy = jest.spyOn(model, '_streamIterator');
    const chunks = await collect(bound);
    expect(chunks.map((c) => c.text)).toEqual(['Hello ', 'there ', 'friend']);
    expect(chunks[2].response_metadata).toMatchObject({ finishReason: 'STOP' });
    expect(model.seen[0]).toMatchObject({ tools: [TOOL], tool_choice: 'none' });
    expect(model.seen[0].signal).toBeInstanceOf(AbortSignal);
    expect(spy).not.toHaveBeenCalled();
  });

  it('takes the standard path when a callback listens, so the handler sees the whole answer', async () => {
    const ends: LLMResult[] = [];
    const handler = BaseCallbackHandler.fromMethods({ handleLLMEnd: (output) => void ends.push(output) });
    const model = new ThreePieceModel({ callbacks: [handler] });
    const chunks = await collect(model.bindTools([TOOL]) as StepModel);
    expect(chunks.map((c) => c.text).join('')).toBe('Hello there friend');
    expect(ends).toHaveLength(1);
    expect(ends[0].generations[0][0].text).toBe('Hello there friend');
  });

  it('takes the standard path when LangSmith tracing is on', async () => {
    process.env.LANGSMITH_TRACING = 'true';
    const model = new ThreePieceModel({});
    const spy = jest.spyOn(model, '_streamIterator').mockImplementation(async function* () {
      yield new AIMessageChunk({ content: 'traced' });
    });
    expect((await collect(model.bindTools([TOOL]) as StepModel)).map((c) => c.text)).toEqual(['traced']);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('throws when stopped even though the provider ends its stream quietly', async () => {
    const model = new ThreePieceModel({});
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of streamChunks(model.bindTools([TOOL]) as StepModel, [new HumanMessage('hi')], controller.signal)) {
          seen.push(messageText(chunk));
          controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['Hello ']);
  });

  it('closes the provider stream when the consumer stops early or the signal aborts between chunks', async () => {
    const early = new ThreePieceModel({});
    for await (const chunk of streamChunks(early.bindTools([TOOL]) as StepModel, [new HumanMessage('hi')], new AbortController().signal)) {
      expect(messageText(chunk)).toBe('Hello ');
      break;
    }
    expect(early.closed).toBe(true);

    const aborted = new ThreePieceModel({});
    aborted.heedsSignal = false;
    const controller = new AbortController();
    const stream = streamChunks(aborted.bindTools([TOOL]) as StepModel, [new HumanMessage('hi')], controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(aborted.closed).toBe(true);
  });
});
