import { type StepChunk, TextChunk } from './step-chunk';

/**
 * How a model step ended, in the few kinds the agent treats differently (and counts, as the
 * `reason` of chatbet_llm_finish_total):
 * - `stop`: the model finished its reply (text, tool calls, or both);
 * - `empty`: it finished with neither text nor tool calls;
 * - `malformed_function_call`: it tried to call a tool and the provider could not parse the call;
 * - `max_tokens`, `safety`, `recitation`: the provider cut the reply (output cap, safety
 *   filters, quoting its training data);
 * - `blocked_prompt`: the provider refused the request itself (`promptFeedback.blockReason`);
 * - `other`: any other reason the provider gives (OTHER, LANGUAGE, reasons newer than this code).
 */
export const STEP_FINISHES = [
  'stop',
  'empty',
  'malformed_function_call',
  'max_tokens',
  'safety',
  'recitation',
  'blocked_prompt',
  'other',
] as const;

export type StepFinish = (typeof STEP_FINISHES)[number];

/** Gemini's finish reasons by the kind of ending they are; a reason not listed is `other`. */
const GEMINI_FINISH: Record<string, StepFinish> = {
  STOP: 'stop',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'safety',
  BLOCKLIST: 'safety',
  PROHIBITED_CONTENT: 'safety',
  SPII: 'safety',
  IMAGE_SAFETY: 'safety',
  RECITATION: 'recitation',
  MALFORMED_FUNCTION_CALL: 'malformed_function_call',
};

/**
 * The finish of one step from its chunks' response metadata, where LangChain puts the provider's
 * per-candidate fields (Gemini: `finishReason`, and `promptFeedback` as the stream transport hands
 * it on). A step that ends without a finish reason (the offline engine never gives one) finished
 * normally when it said something.
 */
export function readStepFinish(chunks: readonly StepChunk[], said: { text: boolean; toolCalls: boolean }): StepFinish {
  let reason: string | undefined;
  for (const chunk of chunks) {
    if (chunk instanceof TextChunk) continue;
    const meta = chunk.response_metadata as { finishReason?: unknown; promptFeedback?: { blockReason?: unknown } } | undefined;
    if (meta?.promptFeedback?.blockReason) return 'blocked_prompt';
    if (typeof meta?.finishReason === 'string') reason = meta.finishReason;
  }
  const finish = reason === undefined ? 'stop' : (GEMINI_FINISH[reason] ?? 'other');
  return finish === 'stop' && !said.text && !said.toolCalls ? 'empty' : finish;
}

/** Endings worth asking the model again for, as long as none of the step's text reached the user. */
export function retryableFinish(finish: StepFinish): boolean {
  return finish === 'empty' || finish === 'malformed_function_call';
}
