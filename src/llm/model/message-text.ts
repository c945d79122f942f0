import type { BaseMessage } from '@langchain/core/messages';

/**
 * A message's text. Plain string content is returned as it is: LangChain's `text` getter builds
 * the standard content blocks first, on every streamed chunk, and only multi-part content needs
 * them (its cost per call: bench/RESULTS.md).
 */
export function messageText(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}
