import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';

/**
 * Plain text of a model step, and nothing else. A provider's direct path (gemini-step-stream.ts)
 * hands its plain text events on as these rather than as LangChain message chunks: building one
 * of those per streamed token cost more than the rest of the token's way to the user
 * (bench/RESULTS.md). Everything that carries more (tool calls, usage, how the step ended) stays a
 * LangChain chunk.
 */
export class TextChunk {
  constructor(readonly content: string) {}
}

/** One streamed piece of a model step as the agent reads it. */
export type StepChunk = AIMessageChunk | TextChunk;

/**
 * A chunk's or message's text. Plain string content is returned as it is: LangChain's `text`
 * getter builds the standard content blocks first, on every streamed chunk, and only multi-part
 * content needs them (its cost per call: bench/RESULTS.md).
 */
export function messageText(message: BaseMessage | TextChunk): string {
  return typeof message.content === 'string' ? message.content : (message as BaseMessage).text;
}

/** The chunk as a LangChain message chunk, for the rare step whose content is not plain text. */
export function asMessageChunk(chunk: StepChunk): AIMessageChunk {
  return chunk instanceof TextChunk ? new AIMessageChunk({ content: chunk.content }) : chunk;
}
