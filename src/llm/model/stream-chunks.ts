import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { type Runnable, RunnableBinding } from '@langchain/core/runnables';
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

/** What a binding allows, worked out once: the agent binds its tools once and streams them every turn. */
const directByBinding = new WeakMap<StepModel, DirectStream | null>();

/** The provider behind a tool binding, with the call options bound to it, when the direct path is safe. */
function directStream(model: StepModel): DirectStream | undefined {
  let direct = directByBinding.get(model);
  if (direct === undefined) {
    direct = inspectBinding(model) ?? null;
    directByBinding.set(model, direct);
  }
  return direct ?? undefined;
}

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

async function* providerChunks(
  chat: BaseChatModel,
  messages: BaseMessage[],
  options: Record<string, unknown> & { signal: AbortSignal },
): AsyncGenerator<AIMessageChunk> {
  for await (const chunk of chat._streamResponseChunks(messages, options)) {
    options.signal.throwIfAborted();
    const message = chunk.message as AIMessageChunk;
    // What _streamIterator does per chunk: the provider's generation info (finish reason…) is metadata.
    if (chunk.generationInfo) message.response_metadata = { ...chunk.generationInfo, ...message.response_metadata };
    yield message;
  }
  // Providers end their stream quietly on abort; the caller must still learn it was stopped.
  options.signal.throwIfAborted();
}
