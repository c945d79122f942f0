/*
 * The one place that relies on @langchain/google-genai's internals (checked by
 * gemini-step-stream.contract.spec.ts): ChatGoogleGenerativeAI's private
 * `_buildGenerateContentRequest`, and `convertResponseContentToChatGenerationChunk` and
 * `convertUsageMetadata` from its `dist/utils/common.cjs`, which the package does not export.
 * They are used only on the direct path (langchain-fast-path.ts decides when it is safe); if an
 * upgrade changes them, set LIBRARY_FAST_PATHS=false and fix this file.
 */
import { dirname, join } from 'node:path';
import type { GenerateContentRequest, GenerateContentResponse, UsageMetadata } from '@google/generative-ai';
import type { BaseMessage } from '@langchain/core/messages';
import type { UsageMetadata as LangChainUsage } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import type { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { geminiClientOf, plainText } from './gemini-stream-transport';
import { chunkMessage } from './langchain-fast-path';
import { type StepChunk, TextChunk } from './step-chunk';

interface GenAiInternals {
  convertResponseContentToChatGenerationChunk(
    response: GenerateContentResponse,
    extra: { usageMetadata?: LangChainUsage; index: number },
  ): ChatGenerationChunk | null;
  convertUsageMetadata(usage: UsageMetadata | undefined, model: string): LangChainUsage;
}

type RequestBuilder = { _buildGenerateContentRequest(messages: BaseMessage[], options: unknown): GenerateContentRequest };

/** Loaded on first use: the offline engine never needs it. */
let internals: GenAiInternals | undefined;

/** LangChain's Gemini converters, from the file the package builds them into. */
export function genAiInternals(): GenAiInternals {
  // A file the package's exports do not list: only a path reaches it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  internals ??= require(join(dirname(require.resolve('@langchain/google-genai')), 'utils', 'common.cjs')) as GenAiInternals;
  return internals;
}

/**
 * One Gemini step streamed the way LangChain's `_streamResponseChunks` streams it, but for plain
 * text: an event that is nothing but text of one candidate is handed on as a TextChunk instead of
 * being converted into a LangChain chunk. Every other event (function calls, a finish reason,
 * safety ratings, thoughts) is converted by LangChain's own converter, with the usage deltas
 * LangChain computes. Usage that arrived on text events rides on the next converted event (the
 * counts are running totals, so the deltas add up to the same), or on an empty chunk at the end.
 * Like LangChain's, it ends quietly when the signal aborts; the caller checks the signal.
 */
export async function* geminiStepChunks(
  chat: ChatGoogleGenerativeAI,
  messages: BaseMessage[],
  options: Record<string, unknown> & { signal: AbortSignal },
): AsyncGenerator<StepChunk> {
  const { convertResponseContentToChatGenerationChunk } = genAiInternals();
  const request = (chat as unknown as RequestBuilder)._buildGenerateContentRequest(messages, options);
  const { stream } = await geminiClientOf(chat).generateContentStream(request, { signal: options.signal });
  const usage = new UsageDeltas(chat, options.streamUsage !== false);
  let pendingUsage: UsageMetadata | undefined;
  let index = 0;
  for await (const event of stream) {
    if (options.signal.aborted) return;
    index += 1;
    const text = plainText(event);
    if (text !== undefined) {
      pendingUsage = event.usageMetadata ?? pendingUsage;
      if (text) yield new TextChunk(text);
      continue;
    }
    const carried = event.usageMetadata || !pendingUsage ? event : { ...event, usageMetadata: pendingUsage };
    pendingUsage = undefined;
    const chunk = convertResponseContentToChatGenerationChunk(carried, { usageMetadata: usage.next(carried), index: index - 1 });
    if (chunk) yield chunkMessage(chunk);
  }
  if (pendingUsage && usage.on) {
    const tail: GenerateContentResponse = { candidates: [{ index: 0, content: { role: 'model', parts: [] } }], usageMetadata: pendingUsage };
    const chunk = convertResponseContentToChatGenerationChunk(tail, { usageMetadata: usage.next(tail), index });
    if (chunk) yield chunkMessage(chunk);
  }
}

/** LangChain's per-chunk usage: Gemini reports running totals, a chunk carries what is new since the last one. */
class UsageDeltas {
  private prompt = 0;
  private candidates = 0;
  private total = 0;
  readonly on: boolean;

  constructor(
    private readonly chat: ChatGoogleGenerativeAI,
    requested: boolean,
  ) {
    this.on = chat.streamUsage !== false && requested;
  }

  next(event: GenerateContentResponse): LangChainUsage | undefined {
    const counts = event.usageMetadata;
    if (!counts || !this.on) return undefined;
    const usage = genAiInternals().convertUsageMetadata(counts, this.chat.model);
    usage.input_tokens = Math.max(0, (counts.promptTokenCount ?? 0) - this.prompt);
    usage.output_tokens = Math.max(0, (counts.candidatesTokenCount ?? 0) - this.candidates);
    usage.total_tokens = Math.max(0, (counts.totalTokenCount ?? 0) - this.total);
    this.prompt = counts.promptTokenCount ?? 0;
    this.candidates = counts.candidatesTokenCount ?? 0;
    this.total = counts.totalTokenCount ?? 0;
    return usage;
  }
}
