import { emptyEntities, type FunctionCall, type Intent } from '../src/common/protocol';
import { computeAnswerReport, formatAnswerReport } from './answer-metrics';
import type { EvalCase, EvalPrediction } from './eval-case';
import type { ScoredCase } from './metrics';

const call = (name: string, durationMs: number): FunctionCall => ({
  name,
  arguments: {},
  status: 'ok',
  duration_ms: durationMs,
});

function turn(intent: Intent, fields: Partial<EvalPrediction>): EvalPrediction {
  return {
    detected_intent: intent,
    intent_confidence: 0.9,
    entities: emptyEntities(),
    language: 'en',
    latency_ms: 0.2,
    answer: 'an answer',
    function_calls_made: [],
    grounded: true,
    ...fields,
  };
}

function scored(c: Partial<EvalCase> & { id: string }, p: EvalPrediction): ScoredCase {
  return { case: { text: 'x', ...c }, prediction: p };
}

describe('answer metrics', () => {
  const context = turn('ODDS_INFORMATION_QUERY', { turn: { wallMs: 30, toolMs: 25, cpuMs: 4 } });
  const cases: ScoredCase[] = [
    scored(
      { id: 'odds', intent: 'ODDS_INFORMATION_QUERY' },
      turn('ODDS_INFORMATION_QUERY', {
        function_calls_made: [call('find_match', 3), call('get_odds', 4)],
        turn: { wallMs: 10, toolMs: 7, cpuMs: 2 },
      }),
    ),
    // Labelled as needing data, but the agent answered from memory, and with a made-up price.
    scored(
      { id: 'balance', intent: 'USER_BALANCE_QUERY' },
      turn('GREETING', {
        grounded: false,
        guard_corrected: { corrected: [{ kind: 'amount', wrote: '900' }], fallback: true },
        turn: { wallMs: 2, toolMs: 0, cpuMs: 1 },
      }),
    ),
    // No label: the detected intent decides that it needed data.
    scored(
      { id: 'unlabelled' },
      turn('MATCH_SCHEDULE_QUERY', { answer: '  ', turn: { wallMs: 6, toolMs: 0, cpuMs: 3 } }),
    ),
    scored(
      { id: 'hello', intent: 'GREETING' },
      turn('GREETING', { degraded: true, turn: { wallMs: 1, toolMs: 0, cpuMs: 1 } }),
    ),
  ];
  const report = computeAnswerReport(cases, [context, ...cases.map((s) => s.prediction)], 0);

  it('counts answered and grounded cases and names the failures', () => {
    expect(report.answered).toMatchObject({ correct: 3, total: 4, failed: ['unlabelled'] });
    expect(report.grounded).toMatchObject({ correct: 3, total: 4, failed: ['balance'] });
    expect(report.guardPassed).toMatchObject({ correct: 3, total: 4, failed: ['balance'] });
    expect(report.degraded).toEqual(['hello']);
    expect(report.betsPlaced).toBe(0);
  });

  it('requires a tool call where live data is needed, by label or else by detected intent', () => {
    expect(report.toolUse).toMatchObject({ correct: 1, total: 3, failed: ['balance', 'unlabelled'] });
  });

  it('times every turn, context turns included, with and without tool time', () => {
    expect(report.turn.samples).toBe(5);
    expect(report.turn.wall).toMatchObject({ p50: 6, max: 30 });
    // 30-25, 10-7, 2, 6, 1 → sorted 1 2 3 5 6.
    expect(report.turn.withoutTools).toMatchObject({ p50: 3, p99: 6, max: 6 });
    expect(report.turn.cpu.max).toBe(4);
  });

  it('prints every metric with the failing ids', () => {
    const text = formatAnswerReport(report);
    for (const heading of [
      'answered',
      'grounded',
      'runtime guard passed',
      'tool use',
      'bets placed',
      'TURN LATENCY',
      'minus tool time',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('✗ balance, unlabelled');
    expect(formatAnswerReport({ ...report, betsPlaced: undefined })).toContain('not countable');
  });
});
