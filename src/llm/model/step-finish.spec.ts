import { AIMessageChunk } from '@langchain/core/messages';
import { readStepFinish, retryableFinish, STEP_FINISHES } from './step-finish';

const chunk = (text: string, meta: Record<string, unknown> = {}) =>
  new AIMessageChunk({ content: text, response_metadata: meta });
const said = { text: true, toolCalls: false };
const silent = { text: false, toolCalls: false };

describe('readStepFinish', () => {
  it("reads the last finish reason Gemini gave, by the kind of ending it is", () => {
    const cases: Array<[string, string]> = [
      ['STOP', 'stop'],
      ['MAX_TOKENS', 'max_tokens'],
      ['SAFETY', 'safety'],
      ['PROHIBITED_CONTENT', 'safety'],
      ['BLOCKLIST', 'safety'],
      ['SPII', 'safety'],
      ['RECITATION', 'recitation'],
      ['MALFORMED_FUNCTION_CALL', 'malformed_function_call'],
      ['OTHER', 'other'],
      ['LANGUAGE', 'other'],
      ['A_REASON_FROM_THE_FUTURE', 'other'],
    ];
    for (const [reason, finish] of cases) {
      expect(readStepFinish([chunk('a'), chunk('b', { finishReason: reason })], said)).toBe(finish);
    }
  });

  it('is a blocked prompt when any chunk carries promptFeedback.blockReason, whatever else it says', () => {
    expect(readStepFinish([chunk('', { promptFeedback: { blockReason: 'SAFETY' }, finishReason: 'STOP' })], silent)).toBe(
      'blocked_prompt',
    );
    expect(readStepFinish([chunk('', { promptFeedback: { safetyRatings: [] } })], said)).toBe('stop');
  });

  it('is empty when the model finished without text or tool calls, and normal without a reason when it said something', () => {
    expect(readStepFinish([chunk('', { finishReason: 'STOP' })], silent)).toBe('empty');
    expect(readStepFinish([], silent)).toBe('empty');
    expect(readStepFinish([chunk('hi')], said)).toBe('stop');
    expect(readStepFinish([chunk('')], { text: false, toolCalls: true })).toBe('stop');
    // A cut reply stays cut even when nothing came before the cut.
    expect(readStepFinish([chunk('', { finishReason: 'MAX_TOKENS' })], silent)).toBe('max_tokens');
  });

  it('retries only the endings another try can mend', () => {
    expect(STEP_FINISHES.filter(retryableFinish)).toEqual(['empty', 'malformed_function_call']);
  });
});
