import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { type Runnable, RunnableBinding } from '@langchain/core/runnables';
import { memoizeByObject } from '../../common/memo';
import { hasHandlers, tracingEnabled } from './langchain-listeners';

export type StepModel = Runnable<BaseMessage[], AIMessageChunk>;

/** RunnableConfig keys: everything else a binding carries is a call option for the provider. */
const CONFIG_KEYS = new Set([
  'callbacks',
  'tags',
  'metadata',
  'runName',
  'configurable',
  'recursionLimit',
  'maxConcurrency',
  'runId',
  'timeout',
  'signal',
]);

/**
 * The chunks of one streamed model call. When nothing listens to LangChain's callbacks (no
 * handlers, no tracing) they come straight from the provider's `_streamResponseChunks`:
 * `BaseChatModel._streamIterator` folds every chunk into a running `concat` (a new message per
 * chunk, quadratic in the answer) only to hand the total to callbacks at the end, and that was
 * the largest single cost per streamed token in bench/RESULTS.md. With callbacks or tracing on,
 * the standard path runs, so traces stay complete. `traced` is LangSmith tracing as the turn
 * read it once (tracingEnabled()).
 */
export function streamChunks(
  model: StepModel,
  messages: BaseMessage[],
  signal: AbortSignal,
  traced = tracingEnabled(),
): AsyncIterable<AIMessageChunk> {
  const direct = traced ? undefined : directStream(model);
  if (!direct) return model._streamIterator(messages, { signal });
  return providerChunks(direct.chat, messages, { ...direct.options, signal });
}

interface DirectStream {
  chat: BaseChatModel;
  options: Record<string, unknown>;
}

/**
 * The provider behind a tool binding, with the call options bound to it, when the direct path is
 * safe. Worked out once per binding: the agent binds its tools once and streams them every turn.
 */
const directStream = memoizeByObject(inspectBinding);

function inspectBinding(model: StepModel): DirectStream | undefined {
  if (!(model instanceof RunnableBinding) || !(model.bound instanceof BaseChatModel)) return undefined;
  const chat = model.bound;
  const streams = chat._streamResponseChunks !== BaseChatModel.prototype._streamResponseChunks && !chat.disableStreaming;
  const bound = { ...(model.config as Record<string, unknown>), ...(model.kwargs as Record<string, unknown>) };
  const listened = chat.verbose || hasHandlers(chat.callbacks) || hasHandlers(bound.callbacks);
  if (!streams || listened || chat.outputVersion === 'v1' || model.configFactories?.length) return undefined;
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bound)) if (!CONFIG_KEYS.has(key)) options[key] = value;
  return { chat, options };
}

/**
 * The provider's chunks as messages. A mapping iterator rather than an async generator: a
 * generator in between adds its own queue and promises to every streamed token, which at 500
 * concurrent streams (20 000 tokens a second) showed up in profiles.
 */
function providerChunks(
  chat: BaseChatModel,
  messages: BaseMessage[],
  options: Record<string, unknown> & { signal: AbortSignal },
): AsyncIterable<AIMessageChunk> {
  const { signal } = options;
  const toMessage = (result: IteratorResult<ChatGenerationChunk>): IteratorResult<AIMessageChunk> => {
    if (result.done) return { done: true, value: undefined };
    const chunk = result.value;
    const message = chunk.message as AIMessageChunk;
    // What _streamIterator does per chunk: the provider's generation info (finish reason…) is metadata.
    if (chunk.generationInfo) message.response_metadata = { ...chunk.generationInfo, ...message.response_metadata };
    return { done: false, value: message };
  };
  return {
    [Symbol.asyncIterator]() {
      const inner = chat._streamResponseChunks(messages, options)[Symbol.asyncIterator]();
      // Providers end their stream quietly on abort; the caller must still learn it was stopped,
      // and the provider's stream is closed first.
      const stopped = async (): Promise<never> => {
        await inner.return?.(undefined);
        signal.throwIfAborted();
        throw new Error('unreachable: the signal is aborted');
      };
      return {
        next: () => inner.next().then((result) => (signal.aborted ? stopped() : toMessage(result))),
        // An early exit (a stop, an error in the consumer) ends the provider's stream too.
        return: async () => {
          await inner.return?.(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
