import { randomUUID } from 'node:crypto';
import type { DomainError, ErrorBody } from '../common/errors';
import type { Language } from '../common/protocol';
import type { ChatResponse, ToolCallEvent, TurnIds } from '../chat/chat.types';
import type { AssistantDelta, AssistantFinal, ErrorFrame, ToolCallFrame } from './chat-events';

/** Builders from pipeline events to the wire shapes of protocol.md §3, used by both gateways. */

export function deltaFrame(ids: TurnIds, content: string, index: number): AssistantDelta {
  return { type: 'assistant_response', session_id: ids.sessionId, message_id: ids.messageId, is_final: false, content, index };
}

export function finalFrame(response: ChatResponse): AssistantFinal {
  return {
    type: 'assistant_response',
    session_id: response.session_id,
    message_id: response.message_id,
    is_final: true,
    content: response.message,
    detected_intent: response.detected_intent,
    intent_confidence: response.intent_confidence,
    entities: response.entities,
    function_calls: response.function_calls_made.map((call) => call.name),
    function_calls_made: response.function_calls_made,
    suggested_actions: response.suggested_actions,
    language: response.language,
    response_time_ms: response.response_time_ms,
    token_count: response.token_count,
    ...(response.bet_proposal ? { bet_proposal: response.bet_proposal } : {}),
    ...(response.withdrawn_proposal_id ? { withdrawn_proposal_id: response.withdrawn_proposal_id } : {}),
    ...(response.stopped ? { stopped: true as const } : {}),
    ...(response.degraded ? { degraded: true as const } : {}),
    ...(response.grounded !== undefined ? { grounded: response.grounded } : {}),
    ...(response.grounding ? { grounding: response.grounding } : {}),
  };
}

export function toolCallFrame(ids: TurnIds, event: ToolCallEvent): ToolCallFrame {
  return {
    type: 'tool_call',
    session_id: ids.sessionId,
    message_id: ids.messageId,
    name: event.name,
    arguments: event.arguments,
    status: event.status,
    ...(event.durationMs !== undefined ? { duration_ms: event.durationMs } : {}),
  };
}

export function errorBody(error: DomainError, language: Language = 'en', correlationId: string = randomUUID()): ErrorBody {
  return {
    error_code: error.code,
    message: error.userMessage(language),
    correlation_id: correlationId,
    ...(error.details ? { details: error.details } : {}),
  };
}

export function errorFrame(error: DomainError, ids?: Partial<TurnIds>, language: Language = 'en'): ErrorFrame {
  const body = errorBody(error, language);
  return {
    type: 'error',
    ...(ids?.sessionId ? { session_id: ids.sessionId } : {}),
    ...(ids?.messageId ? { message_id: ids.messageId } : {}),
    error_code: body.error_code,
    content: body.message,
    message: body.message,
    correlation_id: body.correlation_id,
    ...(body.details ? { details: body.details } : {}),
  };
}
