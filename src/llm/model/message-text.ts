import type { BaseMessage } from '@langchain/core/messages';

/**
 * A message's text. Plain string content is returned as it is: LangChain's `text` getter builds
 * the standard content blocks first (about 2 µs a call, for every streamed chunk), which only
 * multi-part content needs.
 */
export function messageText(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}
