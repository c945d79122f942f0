/*
 * The one place that relies on LangChain's internals (checked by langchain-fast-path.contract.spec.ts):
 * - a chat model's `_streamResponseChunks`, called directly instead of through `stream()`;
 * - a tool binding's `bound`, `config`, `kwargs` and `configFactories` (RunnableBinding fields);
 * - a callback manager's `handlers`, and the environment variables that turn tracing on.
 * The direct paths (here and tools/direct-tool.ts) are taken only when nothing listens to
 * LangChain's callbacks and LIBRARY_FAST_PATHS is not `false`; otherwise the public `stream()` and
 * `invoke()` run. If an upgrade changes one of these, set LIBRARY_FAST_PATHS=false and fix this file.
 */
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { type Runnable, RunnableBinding } from '@langchain/core/runnables';
import { getEnvironmentVariable } from '@langchain/core/utils/env';
import { libraryFastPaths } from '../../common/fast-paths';
import { memoizeByObject } from '../../common/memo';
import type { StepChunk } from './step-chunk';

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
 * the standard path runs, so traces stay complete. `publicOnly` is publicPathsOnly() as the turn
 * read it once.
 */
export function streamChunks(
  model: StepModel,
  messages: BaseMessage[],
  signal: AbortSignal,
  publicOnly = publicPathsOnly(),
): AsyncIterable<StepChunk> {
  const direct = publicOnly ? undefined : directStream(model);
  if (!direct) return publicStream(model, messages, signal);
  const options = { ...direct.options, signal };
  const steps = providerSteps.get(direct.chat);
  if (steps) return stoppable(() => steps(messages, options)[Symbol.asyncIterator](), (chunk) => chunk, signal);
  return providerChunks(direct.chat, messages, options);
}

/** A provider's own direct stream of a step's chunks, for the chunks LangChain's conversion need not build. */
export type ProviderSteps = (messages: BaseMessage[], options: Record<string, unknown> & { signal: AbortSignal }) => AsyncIterable<StepChunk>;

const providerSteps = new WeakMap<BaseChatModel, ProviderSteps>();

/**
 * Registers a provider's direct stream (the Gemini adapter registers gemini-step-stream.ts): the
 * direct path then streams through it instead of the provider's `_streamResponseChunks`. The
 * public path (tracing, callbacks, LIBRARY_FAST_PATHS=false) is unchanged.
 */
export function streamStepsDirectly(chat: BaseChatModel, steps: ProviderSteps): void {
  providerSteps.set(chat, steps);
}

async function* publicStream(model: StepModel, messages: BaseMessage[], signal: AbortSignal): AsyncIterable<AIMessageChunk> {
  yield* await model.stream(messages, { signal });
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

/** Whether a binding can take the direct path (for the contract test: an upgrade must not turn it off unnoticed). */
export function directPathAvailable(model: StepModel): boolean {
  return inspectBinding(model) !== undefined;
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

/** The provider's chunks as messages. */
function providerChunks(
  chat: BaseChatModel,
  messages: BaseMessage[],
  options: Record<string, unknown> & { signal: AbortSignal },
): AsyncIterable<AIMessageChunk> {
  return stoppable(() => chat._streamResponseChunks(messages, options)[Symbol.asyncIterator](), chunkMessage, options.signal);
}

/** A provider's chunk as the message `_streamIterator` makes of it: its generation info (finish reason…) is metadata. */
export function chunkMessage(chunk: ChatGenerationChunk): AIMessageChunk {
  const message = chunk.message as AIMessageChunk;
  if (chunk.generationInfo) message.response_metadata = { ...chunk.generationInfo, ...message.response_metadata };
  return message;
}

/**
 * A provider's stream, each item mapped, that fails when the signal aborted. A mapping iterator
 * rather than an async generator: a generator in between adds its own queue and promises to every
 * streamed token, which at 500 concurrent streams (20 000 tokens a second) showed up in profiles.
 */
function stoppable<T, C extends StepChunk>(
  open: () => AsyncIterator<T>,
  map: (item: T) => C,
  signal: AbortSignal,
): AsyncIterable<C> {
  const mapped = (result: IteratorResult<T>): IteratorResult<C> =>
    result.done ? { done: true, value: undefined } : { done: false, value: map(result.value) };
  return {
    [Symbol.asyncIterator]() {
      const inner = open();
      // Providers end their stream quietly on abort; the caller must still learn it was stopped,
      // and the provider's stream is closed first.
      const stopped = async (): Promise<never> => {
        await inner.return?.(undefined);
        signal.throwIfAborted();
        throw new Error('unreachable: the signal is aborted');
      };
      return {
        next: () => inner.next().then((result) => (signal.aborted ? stopped() : mapped(result))),
        // An early exit (a stop, an error in the consumer) ends the provider's stream too.
        return: async () => {
          await inner.return?.(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * Whether LangChain's public paths must run: LangSmith traces the turn, or the fast paths are
 * switched off (LIBRARY_FAST_PATHS=false). Both are read from the environment (a native lookup
 * each), so a turn asks once and passes the answer to its model steps and tool calls.
 */
export function publicPathsOnly(): boolean {
  return tracingEnabled() || !libraryFastPaths();
}

/** LangChain's own test (utils/callbacks, not exported): any of these set to "true" turns tracing on. */
const TRACING_VARIABLES = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];

/**
 * LangSmith tracing, read from the environment as LangChain reads it. A process.env read is a
 * native property lookup, dearer than a field (bench/RESULTS.md): a turn asks once and passes the
 * answer down.
 */
export function tracingEnabled(): boolean {
  return TRACING_VARIABLES.some((name) => getEnvironmentVariable(name) === 'true');
}

/** True when a `callbacks` value (a list of handlers, or a callback manager) holds any handler. */
export function hasHandlers(callbacks: unknown): boolean {
  if (!callbacks) return false;
  if (Array.isArray(callbacks)) return callbacks.length > 0;
  const manager = callbacks as { handlers?: unknown[] };
  return (manager.handlers?.length ?? 1) > 0;
}
