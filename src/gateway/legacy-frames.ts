import type { TurnIds } from '../chat/chat.types';
import type { TurnFrame } from './chat-events';

/**
 * `?format=legacy`: the frames of the original implementation, for clients built against it.
 * Streaming becomes typing → streaming_start → streaming_response* → streaming_end; errors stay
 * as they are; tool events did not exist there and are not sent.
 */
export function legacyStartFrames(ids: TurnIds): object[] {
  const scope = { session_id: ids.sessionId, message_id: ids.messageId };
  return [
    { type: 'typing', is_typing: true, ...scope },
    { type: 'streaming_start', ...scope },
  ];
}

export function toLegacyFrame(frame: TurnFrame): object | undefined {
  switch (frame.type) {
    case 'assistant_response': {
      if (!frame.is_final) {
        return { type: 'streaming_response', content: frame.content, session_id: frame.session_id, message_id: frame.message_id, index: frame.index };
      }
      const { content, type: _type, is_final: _isFinal, ...fields } = frame;
      return { type: 'streaming_end', final_content: content, ...fields };
    }
    case 'tool_call':
      return undefined;
    case 'error':
      return frame;
  }
}
