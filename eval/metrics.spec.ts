import { emptyEntities, type Entities, type Intent } from '../src/common/protocol';
import type { EvalCase, EvalPrediction } from './eval-case';
import { computeReport, formatReport, percentile, type ScoredCase } from './metrics';

function prediction(
  intent: Intent,
  entities: Partial<Entities> = {},
  language: EvalPrediction['language'] = 'en',
): EvalPrediction {
  return {
    detected_intent: intent,
    intent_confidence: 0.9,
    entities: { ...emptyEntities(), ...entities },
    language,
    latency_ms: 1,
  };
}

function scored(c: Partial<EvalCase> & { id: string }, p: EvalPrediction): ScoredCase {
  return { case: { text: 'x', ...c }, prediction: p };
}

describe('eval metrics', () => {
  const cases: ScoredCase[] = [
    scored({ id: 'a', intent: 'GREETING' }, prediction('GREETING')),
    scored(
      { id: 'b', intent: 'ODDS_INFORMATION_QUERY', teams: ['Atlético Madrid'], amount: 20 },
      prediction('ODDS_INFORMATION_QUERY', { teams: ['Atletico Madrid'], amounts: [20] }),
    ),
    scored(
      { id: 'c', intent: 'BET_SIMULATION', teams: ['Arsenal'], market: 'over_under', lang: 'es' },
      prediction('ODDS_INFORMATION_QUERY', { teams: ['Arsenal', 'Chelsea'] }, 'es'),
    ),
    scored(
      { id: 'd', intent: 'BET_SIMULATION', lang: 'es' },
      prediction('ODDS_INFORMATION_QUERY', {}, 'pt_br'),
    ),
    scored({ id: 'unlabelled' }, prediction('UNCLEAR')),
  ];
  const report = computeReport(cases, [1, 2, 3, 4, 100], [0.5, 0.5]);

  it('counts intent accuracy overall, per intent and per language, ignoring unlabelled cases', () => {
    expect(report.labelled).toBe(4);
    expect(report.intent.overall).toEqual({ correct: 2, total: 4, rate: 0.5 });
    expect(report.intent.byIntent.BET_SIMULATION).toEqual({ correct: 0, total: 2, rate: 0 });
    expect(report.intent.byLanguage.en).toEqual({ correct: 2, total: 2, rate: 1 });
    expect(report.intent.byLanguage.es).toEqual({ correct: 0, total: 2, rate: 0 });
    expect(report.languageDetection).toEqual({ correct: 3, total: 4, rate: 0.75 });
  });

  it('groups confusions by pair, most frequent first', () => {
    expect(report.confusions).toEqual([
      { expected: 'BET_SIMULATION', predicted: 'ODDS_INFORMATION_QUERY', count: 2, ids: ['c', 'd'] },
    ]);
  });

  it('scores entities per kind, accent-insensitively, absent labels meaning none', () => {
    expect(report.entities.byKind.teams).toMatchObject({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 0,
    });
    expect(report.entities.byKind.teams.precision).toBeCloseTo(2 / 3);
    expect(report.entities.byKind.markets).toMatchObject({
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 1,
      precision: 1,
      recall: 0,
    });
    expect(report.entities.byKind.amounts).toMatchObject({ truePositives: 1, precision: 1, recall: 1 });
    // a, b and d match exactly; c has an extra team and a missing market.
    expect(report.entities.overall).toEqual({ correct: 3, total: 4, rate: 0.75 });
  });

  it('takes nearest-rank percentiles of latency', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 99)).toBe(100);
    expect(percentile([], 99)).toBe(0);
    expect(report.latency).toMatchObject({ p50: 3, p99: 100, max: 100, samples: 5, cpu: { p50: 0.5 } });
  });

  it('prints a table with every section', () => {
    const table = formatReport(report);
    for (const heading of ['INTENT', 'ENTITIES', 'LANGUAGE DETECTION', 'CONFUSIONS', 'LATENCY'])
      expect(table).toContain(heading);
    expect(table).toContain('BET_SIMULATION → ODDS_INFORMATION_QUERY');
  });
});
